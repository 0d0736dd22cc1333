package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.PollSchedule;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileClients;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Generate against the real built-in sandbox through the real engine: the job appears and finishes. */
@ExtendWith(ApplicationExtension.class)
class StudioSandboxTest {

    private StudioFixture fixture;
    private SandboxServer sandbox;
    private JobStore store;
    private JobEngine engine;

    @Start
    void start(Stage stage) throws Exception {
        fixture = new StudioFixture(stage);
        sandbox = SandboxServer.start(SandboxConfig.forTests(fixture.folder.resolve("sandbox")).build());
        store = JobStore.open(fixture.folder.resolve("jobs.db"));
        PollSchedule fast = new PollSchedule(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(1));
        engine = new JobEngine(store, ProfileClients.factory(fixture.settings),
                EngineSettings.defaults(fixture.folder.resolve("outputs")).withSchedule(fast));
        StudioWindow studio = fixture.studio;
        studio.attachEngine(engine, fixture.folder.resolve("thumbnails"));
        engine.start();
        studio.profiles().addSandbox(Profile.sandbox(sandbox.baseUri().toString(), "sample-txt2img"),
                sandbox.token(), true);
        studio.studio().loadSample();
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
        sandbox.close();
    }

    @Test
    void generateProducesAJobThatTheSandboxRuns(FxRobot robot) {
        TextArea prompt = robot.lookup("#prompt-6-text").queryAs(TextArea.class);
        robot.interact(() -> prompt.setText("a lighthouse at dusk"));
        robot.clickOn("#submitButton");

        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.count(JobQuery.all())).isEqualTo(1);
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> store.page(JobQuery.all(), 0, 1).get(0).status()
                    == JobStatus.SUCCEEDED);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("job did not finish: " + store.page(JobQuery.all(), 0, 1), e);
        }
        Job job = store.page(JobQuery.all(), 0, 1).get(0);
        assertThat(job.requestId()).isNotBlank();
        assertThat(job.promptSnippet()).isEqualTo("a lighthouse at dusk");
        assertThat(job.requestJson()).contains("a lighthouse at dusk").doesNotContain(sandbox.token());
        assertThat(fixture.studio.window().statusMessageLabel().getText()).contains("Job submitted");
    }
}
