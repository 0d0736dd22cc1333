package app.comfydesk.ui.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.PollSchedule;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import app.comfydesk.ui.StudioFixture;
import app.comfydesk.ui.StudioWindow;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileClients;
import app.comfydesk.workflow.InputRef;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The studio with the real engine on the built-in sandbox, and a 3 × 3 sweep over cfg and sampler typed in. */
final class SweepSandbox implements AutoCloseable {

    static final InputRef CFG = new InputRef("3", "cfg");
    static final InputRef SAMPLER = new InputRef("3", "sampler_name");

    final StudioFixture fixture;
    final SandboxServer sandbox;
    final JobStore store;
    final JobEngine engine;
    final StudioWindow studio;

    SweepSandbox(Stage stage, Duration runTime) throws Exception {
        fixture = new StudioFixture(stage);
        sandbox = SandboxServer.start(SandboxConfig.forTests(fixture.folder.resolve("sandbox")).runTime(runTime)
                .build());
        store = JobStore.open(fixture.folder.resolve("jobs.db"));
        PollSchedule fast = new PollSchedule(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(1));
        engine = new JobEngine(store, ProfileClients.factory(fixture.settings),
                EngineSettings.defaults(fixture.folder.resolve("outputs")).withSchedule(fast));
        studio = fixture.studio;
        studio.attachEngine(engine, fixture.folder.resolve("thumbnails"));
        engine.start();
        studio.profiles().addSandbox(Profile.sandbox(sandbox.baseUri().toString(), "sample-txt2img"),
                sandbox.token(), true);
        studio.studio().loadSample();
    }

    @Override
    public void close() {
        engine.close();
        store.close();
        sandbox.close();
    }

    /** Opens the sweep window and types X = 3.cfg 4..8:2, Y = 3.sampler_name (three samplers). */
    SweepFeature openSweep(FxRobot robot, int inFlight) {
        robot.clickOn("#sweepButton");
        WaitForAsyncUtils.waitForFxEvents();
        SweepFeature sweeps = studio.sweeps();
        robot.interact(() -> {
            SweepEditorModel editor = sweeps.editor();
            editor.axes().get(0).inputProperty().set(studio.form().field(CFG).orElseThrow());
            editor.addAxis(studio.form().field(SAMPLER).orElseThrow()).orElseThrow();
            editor.maxInFlightProperty().set(inFlight);
        });
        TextField x = robot.lookup("#sweepValues-X").queryAs(TextField.class);
        robot.interact(() -> x.setText(""));
        robot.clickOn(x).write("4..8:2");
        robot.interact(() -> sweeps.editor().axes().get(1).valuesProperty()
                .set("euler, euler_ancestral, dpmpp_2m"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sweeps.editor().problemProperty().get()).isNull();
        assertThat(sweeps.editor().jobCountProperty().get()).isEqualTo(9);
        assertThat(robot.lookup("#sweepSummary").queryAs(Label.class).getText()).startsWith("9 jobs (3 × 3)");
        return sweeps;
    }

    static void waitUntil(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }
}
