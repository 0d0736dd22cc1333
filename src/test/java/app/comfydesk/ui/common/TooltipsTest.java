package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.Motion;
import org.testfx.util.WaitForAsyncUtils;

/** A tooltip made on the first hover: none exists before, it says its text when the pointer comes, screen readers
 *  have the text from the start. */
@ExtendWith(ApplicationExtension.class)
class TooltipsTest {

    private Button button;
    private Region badge;

    @Start
    void start(Stage stage) {
        button = new Button("Reset");
        button.setId("resetButton");
        Tooltips.onHover(button, "Reset to the workflow's value", () -> {
            Tooltip tooltip = new Tooltip("Reset to the workflow's value");
            tooltip.setShowDelay(javafx.util.Duration.millis(50));
            return tooltip;
        });
        badge = new Region();
        badge.setId("badge");
        badge.setMinSize(40, 20);
        Tooltips.onHover(badge, "Changed inputs in this node");
        HBox root = new HBox(20, button, badge);
        root.setAlignment(Pos.CENTER);
        stage.setScene(new Scene(root, 300, 120));
        stage.show();
    }

    @Test
    void aControlGetsItsTooltipWhenThePointerFirstComesAndShowsIt(FxRobot robot) throws Exception {
        assertThat(button.getTooltip()).isNull();
        assertThat(button.getAccessibleHelp()).isEqualTo("Reset to the workflow's value");

        robot.moveTo(button.getScene().getRoot(), Pos.TOP_LEFT, new Point2D(5, 5), Motion.DIRECT);
        robot.moveTo("#resetButton");
        robot.moveBy(2, 1);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> button.getTooltip() != null
                && button.getTooltip().isShowing());
        assertThat(button.getTooltip().getText()).isEqualTo("Reset to the workflow's value");

        Tooltip first = button.getTooltip();
        robot.moveTo(button.getScene().getRoot(), Pos.TOP_LEFT, new Point2D(5, 5), Motion.DIRECT);
        robot.moveTo("#resetButton");
        assertThat(button.getTooltip()).as("made once").isSameAs(first);
    }

    @Test
    void aPlainNodeGetsAnInstalledTooltip(FxRobot robot) {
        assertThat(badge.getProperties()).doesNotContainKey("javafx.scene.control.Tooltip");
        robot.moveTo(badge.getScene().getRoot(), Pos.TOP_LEFT, new Point2D(5, 5), Motion.DIRECT);
        robot.moveTo("#badge");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(badge.getProperties().get("javafx.scene.control.Tooltip")).isInstanceOf(Tooltip.class)
                .extracting(tip -> ((Tooltip) tip).getText()).isEqualTo("Changed inputs in this node");
        assertThat(badge.getAccessibleHelp()).isEqualTo("Changed inputs in this node");
    }
}
