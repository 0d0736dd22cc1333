package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Popup;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ToastTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 800, 600));
        stage.show();
    }

    @Test
    void aToastUnderTheAtlantaThemeLogsNoCssErrorsAndSaysWhatFinished(FxRobot robot) {
        Logger css = Logger.getLogger("javafx.css");
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        css.addHandler(handler);
        Popup[] shown = new Popup[1];
        try {
            robot.interact(() -> {
                Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
                shown[0] = Toast.show(stage, "Job #3 failed", "boom (node 3 KSampler)", true, 0);
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(shown[0].isShowing()).isTrue();
            assertThat(shown[0].getContent().get(0).lookupAll(".label")).extracting(node -> ((Label) node).getText())
                    .containsExactly("Job #3 failed", "boom (node 3 KSampler)");
            assertThat(warnings).noneMatch(message -> message.contains("ClassCastException"));
            assertThat(shown[0].getX()).isGreaterThan(stage.getX());
        } finally {
            css.removeHandler(handler);
            robot.interact(() -> {
                shown[0].hide();
                // Back to the theme the app always runs with, not Modena: later views in this JVM would warn.
                Application.setUserAgentStylesheet(app.comfydesk.ui.common.Theme.LIGHT.userAgentStylesheet());
            });
        }
    }

    @Test
    void aToastStillUpSaysTheNewsInPlace(FxRobot robot) {
        Popup[] shown = new Popup[1];
        try {
            robot.interact(() -> {
                shown[0] = Toast.show(stage, "Job #3 succeeded", "a fox", false, 0);
                Toast.update(shown[0], "12 jobs finished", "1 failed.", true);
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(shown[0].isShowing()).isTrue();
            assertThat(shown[0].getContent().get(0).lookupAll(".label")).extracting(node -> ((Label) node).getText())
                    .containsExactly("12 jobs finished", "1 failed.");
            assertThat(shown[0].getContent().get(0).getStyleClass()).contains("toast-failed")
                    .doesNotContain("toast-done");
        } finally {
            robot.interact(() -> shown[0].hide());
        }
    }
}
