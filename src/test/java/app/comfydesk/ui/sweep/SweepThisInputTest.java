package app.comfydesk.ui.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** "Sweep this input…" in a form field's context menu opens the sweep window with the input as the next axis. */
@ExtendWith(ApplicationExtension.class)
class SweepThisInputTest {

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
    void theFieldsContextMenuAddsItsInputAsTheNextAxis(FxRobot robot) {
        // From the text field's own menu (which keeps cut / copy / paste) ...
        Node cfgRow = robot.lookup("#field-3-cfg").query();
        TextField cfg = robot.from(cfgRow).lookup(".text-field").queryAs(TextField.class);
        contextMenu(robot, cfg);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cfg.getContextMenu()).as("the field's own menu").isNotNull();
        assertThat(cfg.getContextMenu().isShowing()).as("the field's menu shows").isTrue();
        assertThat(cfg.getContextMenu().getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .startsWith("Cut", "Copy", "Paste");
        robot.clickOn("Sweep this input…");
        WaitForAsyncUtils.waitForFxEvents();
        SweepFeature sweeps = env.studio.sweeps();
        assertThat(env.studio.sweepWindow().stage().isShowing()).isTrue();
        assertThat(sweeps.editor().axes()).hasSize(1);
        assertThat(sweeps.editor().axes().get(0).inputProperty().get().ref()).isEqualTo(SweepSandbox.CFG);

        // ... and from the row of a combo: the sampler becomes axis Y, with three of its options to start from.
        robot.interact(() -> env.studio.sweepWindow().stage().hide());
        Node samplerRow = robot.lookup("#field-3-sampler_name").query();
        contextMenu(robot, robot.from(samplerRow).lookup(".field-name").queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Sweep this input…");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(env.studio.sweepWindow().stage().isShowing()).isTrue();
        assertThat(sweeps.editor().axes()).hasSize(2);
        assertThat(sweeps.editor().axes().get(1).inputProperty().get().ref()).isEqualTo(SweepSandbox.SAMPLER);
        assertThat(sweeps.editor().axes().get(1).axisProperty().get().size()).isEqualTo(3);

        // The same input again keeps its one axis.
        robot.interact(() -> assertThat(sweeps.sweepInput(env.studio.form().field(SweepSandbox.CFG)
                .orElseThrow())).isTrue());
        assertThat(sweeps.editor().axes()).hasSize(2);
    }

    /** What a right click asks for (Monocle's robot does not turn a secondary click into a context-menu request). */
    private static void contextMenu(FxRobot robot, Node node) {
        robot.interact(() -> {
            Bounds local = node.getLayoutBounds();
            Bounds screen = node.localToScreen(local);
            Event.fireEvent(node, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getCenterX(),
                    local.getCenterY(), screen.getCenterX(), screen.getCenterY(), false, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
