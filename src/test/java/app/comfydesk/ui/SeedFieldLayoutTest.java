package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.MainWindow;
import app.comfydesk.ui.settings.Profile;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16 item 15: at 1280×720 with the form column at its default width and wider, the seed's mode shows each of
 * its words whole and clear of its arrow, while the seed field still shows all 20 digits.
 */
@ExtendWith(ApplicationExtension.class)
class SeedFieldLayoutTest {

    /** Room between the word and its arrow, so they do not read as touching. */
    private static final double GAP = 3;

    private StudioFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new StudioFixture(stage);
    }

    @Test
    void theModeWordClearsItsArrowAndTheSeedKeepsItsTwentyDigits(FxRobot robot) {
        robot.interact(() -> {
            fixture.studio.profiles().addSandbox(Profile.sandbox("http://127.0.0.1:9", "sample-txt2img"), "tok", true);
            fixture.studio.studio().loadSample();
        });
        // 1280×720, the laptop screen the first window fills; the form column at its default width first, where the
        // mode goes under the field (issue 16: only 13 of 20 digits showed there), then wider ones.
        robot.interact(() -> {
            fixture.studio.window().root().getScene().getWindow().setWidth(1280);
            fixture.studio.window().root().getScene().getWindow().setHeight(720);
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (double divider : new double[] {MainWindow.DEFAULT_FORM_FRACTION, 0.415, 0.5}) {
            robot.interact(() -> fixture.studio.window().mainSplit().setDividerPositions(divider));
            TextField seed = robot.lookup("#field-3-seed .seed-text").queryAs(TextField.class);
            robot.interact(() -> seed.setText("18446744073709551615"));
            @SuppressWarnings("unchecked")
            ChoiceBox<Object> mode = robot.lookup("#field-3-seed .seed-mode").queryAs(ChoiceBox.class);
            for (Object value : mode.getItems()) {
                robot.interact(() -> mode.setValue(value));
                WaitForAsyncUtils.waitForFxEvents();
                StudioFixture.snapshotIfAsked(robot, fixture.studio.window().root(), "seed-mode-" + value + ".png");
                robot.interact(() -> {
                    Label label = (Label) mode.lookup(".label");
                    Text drawn = (Text) label.lookup(".text");
                    String word = mode.getConverter().toString(value);
                    assertThat(drawn.getText()).as("mode %s at divider %s", value, divider).isEqualTo(word);
                    Node arrow = mode.lookup(".open-button");
                    Bounds text = drawn.localToScene(drawn.getLayoutBounds());
                    Bounds button = arrow.localToScene(arrow.getLayoutBounds());
                    assertThat(text.getMaxX()).as("'%s' ends before the arrow", word)
                            .isLessThanOrEqualTo(button.getMinX() - GAP);
                    Bounds row = mode.getParent().localToScene(mode.getParent().getLayoutBounds());
                    Bounds modeBounds = mode.localToScene(mode.getLayoutBounds());
                    assertThat(modeBounds.getMaxX()).isLessThanOrEqualTo(row.getMaxX() + 0.5);
                    assertThat(modeBounds.intersects(seed.localToScene(seed.getLayoutBounds())))
                            .as("the mode clear of the seed at divider %s", divider).isFalse();
                    assertThat(mode.getParent().localToScene(mode.getParent().getLayoutBounds()).contains(
                            modeBounds.getMinX(), modeBounds.getMaxY() - 0.5))
                            .as("the mode inside its row (not cut off below) at divider %s", divider).isTrue();
                    Text digits = new Text("18446744073709551615");
                    digits.setFont(seed.getFont());
                    double inside = seed.getWidth() - seed.getPadding().getLeft() - seed.getPadding().getRight();
                    assertThat(inside).as("20 digits at divider %s", divider)
                            .isGreaterThanOrEqualTo(digits.getLayoutBounds().getWidth());
                });
            }
        }
    }
}
