package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.EngineSettings;
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
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** On a job whose sandbox instance is alive, the details free its GPU memory and read its schema. */
@ExtendWith(ApplicationExtension.class)
class StudioInstanceTest {

    private StudioFixture fixture;
    private SandboxServer sandbox;
    private JobStore store;
    private JobEngine engine;

    @Start
    void start(Stage stage) throws Exception {
        fixture = new StudioFixture(stage);
        // The job stays running long enough to act on its instance; the test ends it by closing the sandbox.
        sandbox = SandboxServer.start(SandboxConfig.forTests(fixture.folder.resolve("sandbox"))
                .runTime(Duration.ofSeconds(120)).build());
        store = JobStore.open(fixture.folder.resolve("jobs.db"));
        PollSchedule fast = new PollSchedule(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(1));
        engine = new JobEngine(store, ProfileClients.factory(fixture.settings),
                EngineSettings.defaults(fixture.folder.resolve("outputs")).withSchedule(fast));
        fixture.studio.attachEngine(engine, fixture.folder.resolve("thumbnails"));
        engine.start();
        fixture.studio.profiles().addSandbox(Profile.sandbox(sandbox.baseUri().toString(), "sample-txt2img"),
                sandbox.token(), true);
        fixture.studio.studio().loadSample();
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
        sandbox.close();
    }

    @Test
    void freeGpuMemoryAndRefreshSchemaWorkOnTheLiveInstance(FxRobot robot) throws Exception {
        robot.clickOn("#submitButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> store.count(JobQuery.all()) == 1
                && store.page(JobQuery.all(), 0, 1).get(0).status() == JobStatus.RUNNING
                && store.page(JobQuery.all(), 0, 1).get(0).instanceId() != null);
        String instance = store.page(JobQuery.all(), 0, 1).get(0).instanceId();
        var model = fixture.studio.monitor().model();
        robot.interact(() -> model.selection().setAll(model.rows().get(0)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#freeMemoryButton").tryQuery()
                .isPresent());
        StudioFixture.snapshotIfAsked(robot, fixture.studio.window().root(), "instance-actions.png");

        // Fired in one FX step: the overview is rebuilt whenever a poll changes the job.
        robot.interact(() -> robot.lookup("#freeMemoryButton").queryButton().fire());
        java.util.function.Supplier<String> outcome = () -> robot.lookup("#instanceActionOutcome")
                .queryAs(Label.class).getText();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !outcome.get().isEmpty()
                && !outcome.get().equals("Working…"));
        assertThat(outcome.get()).isEqualTo("Instance " + instance + " unloaded its models and freed its memory.");

        robot.interact(() -> robot.lookup("#refreshSchemaButton").queryButton().fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !outcome.get().isEmpty()
                && !outcome.get().equals("Working…"));
        assertThat(outcome.get()).contains("node types read from the live instance " + instance);
        assertThat(fixture.studio.window().messageBar().currentText()).contains("node types from the live instance");
    }
}
