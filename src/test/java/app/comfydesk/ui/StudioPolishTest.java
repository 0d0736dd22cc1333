package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.settings.Profile;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Fixes found by running the real app: readability, layout under long names, menus, banners. */
@ExtendWith(ApplicationExtension.class)
class StudioPolishTest {

    private StudioFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new StudioFixture(stage);
    }

    private StudioWindow studio() {
        return fixture.studio;
    }

    private void loadSample(FxRobot robot) {
        robot.interact(() -> {
            studio().profiles().addSandbox(Profile.sandbox("http://127.0.0.1:9", "sample-txt2img"), "tok", true);
            studio().studio().loadSample();
        });
    }

    private static double luminance(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    @Test
    void generateWordsAreLightOnTheAccentAndShowTheBatch(FxRobot robot) {
        loadSample(robot);
        Label label = robot.lookup("#submitLabel").queryAs(Label.class);
        assertThat(label.getTextFill()).isInstanceOf(Color.class);
        assertThat(luminance((Color) label.getTextFill())).as("text on the blue accent must be light").isGreaterThan(0.8);
        assertThat(label.getText()).isEqualTo("Generate");
        robot.interact(() -> studio().submit().batchProperty().set(4));
        assertThat(label.getText()).isEqualTo("Generate \u00d74");
    }
}
