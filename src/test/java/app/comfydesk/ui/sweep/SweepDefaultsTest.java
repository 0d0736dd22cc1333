package app.comfydesk.ui.sweep;

import static app.comfydesk.ui.sweep.SweepSandbox.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.workflow.variations.WildcardFolder;
import java.time.Duration;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The sweep window opens with the user's wildcards and the deployment's queue size as the in-flight limit. */
@ExtendWith(ApplicationExtension.class)
class SweepDefaultsTest {

    private SweepSandbox env;

    @Start
    void start(Stage stage) throws Exception {
        env = new SweepSandbox(stage, Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void theDeploymentsQueueSizeAndTheUsersWildcardsAreTheDefaults(FxRobot robot) {
        // The sandbox lists its deployments with queue_size 1000; the editor's limit is at most 100.
        waitUntil("the sandbox's deployments are listed", () -> env.studio.deployments().activeQueueSize()
                .isPresent());
        assertThat(env.studio.deployments().activeQueueSize().getAsInt()).isEqualTo(1000);
        waitUntil("the wildcards folder is prepared", () -> env.studio.submit().promptExpansion().wildcards()
                instanceof WildcardFolder);
        robot.clickOn("#sweepButton");
        WaitForAsyncUtils.waitForFxEvents();
        SweepEditorModel editor = env.studio.sweeps().editor();
        assertThat(editor.maxInFlightProperty().get()).isEqualTo(SweepEditorModel.MAX_IN_FLIGHT);
        assertThat(editor.wildcards()).isInstanceOf(WildcardFolder.class).isSameAs(env.studio.submit().promptExpansion().wildcards());

        // A limit the user chose stays when the window opens again.
        robot.interact(() -> editor.maxInFlightProperty().set(7));
        robot.interact(() -> env.studio.sweeps().prepare(editor.wildcards(), java.util.OptionalInt.of(20)));
        assertThat(editor.maxInFlightProperty().get()).isEqualTo(7);
        // Unknown queue size: a limit still at the last default (20) follows to 4.
        robot.interact(() -> editor.maxInFlightProperty().set(20));
        robot.interact(() -> env.studio.sweeps().prepare(editor.wildcards(), java.util.OptionalInt.empty()));
        assertThat(editor.maxInFlightProperty().get()).isEqualTo(SweepEditorModel.DEFAULT_IN_FLIGHT);
    }
}
