package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A disabled toolbar button still tells why on hover; enabled, it names its action. */
@ExtendWith(ApplicationExtension.class)
class ExplainedButtonTest {

    private final StringProperty reason = new SimpleStringProperty("Select a job first");
    private ExplainedButton explained;
    private int clicks;

    @Start
    void start(Stage stage) {
        Button button = new Button("Cancel");
        button.setId("cancelButton");
        button.setOnAction(event -> clicks++);
        explained = new ExplainedButton(button, "Cancel selected (Ctrl+K)", reason);
        HBox root = new HBox(explained);
        root.setAlignment(Pos.CENTER);
        stage.setScene(new Scene(root, 300, 120));
        stage.show();
    }

    @Test
    void theTooltipAndTheDisabledStateFollowTheReason(FxRobot robot) {
        Button button = robot.lookup("#cancelButton").queryButton();
        assertThat(button.isDisabled()).isTrue();
        assertThat(explained.tooltip().getText()).isEqualTo("Cancel selected (Ctrl+K) — Select a job first");
        assertThat(button.getAccessibleHelp()).isEqualTo("Select a job first");

        robot.interact(() -> reason.set("Only queued or running jobs can be cancelled"));
        assertThat(explained.tooltip().getText())
                .isEqualTo("Cancel selected (Ctrl+K) — Only queued or running jobs can be cancelled");

        robot.interact(() -> reason.set(null));
        assertThat(button.isDisabled()).isFalse();
        assertThat(explained.tooltip().getText()).isEqualTo("Cancel selected (Ctrl+K)");
        robot.clickOn("#cancelButton");
        assertThat(clicks).isEqualTo(1);
    }

    @Test
    void hoveringTheDisabledButtonShowsWhy(FxRobot robot) throws Exception {
        assertThat(hover(robot)).isEqualTo("Cancel selected (Ctrl+K) — Select a job first");
    }

    @Test
    void hoveringTheEnabledButtonNamesTheAction(FxRobot robot) throws Exception {
        robot.interact(() -> reason.set(null));
        assertThat(hover(robot)).isEqualTo("Cancel selected (Ctrl+K)");
    }

    /** Points at the button and waits for its tooltip; returns what it says. */
    private String hover(FxRobot robot) throws Exception {
        robot.interact(() -> explained.tooltip().setShowDelay(javafx.util.Duration.millis(50)));
        // From outside in: a tooltip shows for a pointer that entered its node, and an earlier test may have left the
        // pointer on this spot (or pressed it there, which keeps a tooltip away until the pointer leaves).
        robot.moveTo(explained.getScene().getRoot(), javafx.geometry.Pos.TOP_LEFT, new javafx.geometry.Point2D(5, 5),
                org.testfx.robot.Motion.DIRECT);
        robot.moveTo("#cancelButton");
        // A second small move: tooltips start their timer on a move inside the node, not on entering it.
        robot.moveBy(2, 1);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> explained.tooltip().isShowing());
        return explained.tooltip().getText();
    }
}
