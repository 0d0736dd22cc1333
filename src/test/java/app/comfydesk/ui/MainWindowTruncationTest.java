package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.ui.settings.ProfileClients;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16 item 13: at 1280×720 (a small laptop) and 1600×1000, with the details pane closed and open and enough jobs
 * for a vertical scroll bar, no toolbar label, status bar label or job-table column header of the main window is
 * elided ("Cre…") or pushed out of the window. A label is elided when the text its skin draws differs from its text.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTruncationTest {

    /** The parts of the window whose words must stay whole; cells and the form's long names may ellipsize. */
    private static final List<String> CHECKED = List.of("#mainToolbar", ".monitor-toolbar", "#jobTable .column-header",
            ".gallery-toolbar", "#statusBar");

    private StudioFixture fixture;
    private JobStore store;
    private JobEngine engine;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fixture = new StudioFixture(stage);
        store = JobStore.open(fixture.folder.resolve("jobs.db"));
        TestJobs.ended(store, 40, 5);
        engine = new JobEngine(store, ProfileClients.factory(fixture.settings),
                EngineSettings.defaults(fixture.folder.resolve("outputs")));
        fixture.studio.attachEngine(engine, fixture.folder.resolve("thumbnails"));
        fixture.studio.studio().loadSample();
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
    }

    @Test
    void nothingIsElidedAt1280x720() throws Exception {
        checkAt(1280, 720);
    }

    @Test
    void nothingIsElidedAt1600x1000() throws Exception {
        checkAt(1600, 1000);
    }

    /** The first window on a 1600×1000 screen (FirstWindowBounds.LARGE_WIDTH × LARGE_HEIGHT). */
    @Test
    void nothingIsElidedInTheFirstWindowOfALargeScreen() throws Exception {
        checkAt(1440, 900);
    }

    private void checkAt(double width, double height) throws Exception {
        FxRobot robot = new FxRobot();
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
        });
        TableView<?> table = robot.lookup("#jobTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 40);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(truncated(robot)).as("elided or cut off at %sx%s, details closed", width, height).isEmpty();

        robot.interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#jobDetails").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        StudioFixture.snapshotIfAsked(robot, stage.getScene().getRoot(), "truncation-" + (int) width + ".png");
        assertThat(truncated(robot)).as("elided or cut off at %sx%s, details open", width, height).isEmpty();
        assertThat(table.getColumns().stream().filter(c -> c.isVisible()).count())
                .as("the table keeps thumbnail, status, created, duration and prompt").isGreaterThanOrEqualTo(5);
    }

    /**
     * Each shown label in the checked parts whose drawn text is not its text, or which ends outside the window, and
     * each job-table column that runs past the table's right edge (cut off there, behind a horizontal scroll bar).
     */
    private List<String> truncated(FxRobot robot) {
        List<String> found = new ArrayList<>();
        robot.interact(() -> {
            double sceneWidth = stage.getScene().getWidth();
            Node table = robot.lookup("#jobTable").query();
            double tableRight = table.localToScene(table.getLayoutBounds()).getMaxX();
            for (Node header : robot.lookup("#jobTable .column-header").queryAll()) {
                double right = header.localToScene(header.getLayoutBounds()).getMaxX();
                if (header.isVisible() && right > tableRight + 0.5) {
                    found.add("column header " + header.getId() + " ends at x=" + right + ", past the table's edge at "
                            + tableRight);
                }
            }
            for (String query : CHECKED) {
                for (Node part : robot.lookup(query).queryAll()) {
                    collect(part, sceneWidth, found);
                }
            }
        });
        return found;
    }

    private static void collect(Node node, double sceneWidth, List<String> found) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            // The skin's own text node (a LabeledText), not a graphic that is a Text too (an Ikonli FontIcon).
            String drawn = labeled.getChildrenUnmodifiable().stream()
                    .filter(child -> child instanceof Text && child.getClass().getSimpleName().equals("LabeledText"))
                    .map(text -> ((Text) text).getText()).findFirst().orElse(null);
            Bounds bounds = labeled.localToScene(labeled.getLayoutBounds());
            if (drawn != null && !drawn.equals(labeled.getText())) {
                found.add("'" + labeled.getText() + "' drawn as '" + drawn + "' (" + describe(labeled) + ")");
            } else if (bounds.getMaxX() > sceneWidth + 0.5 || bounds.getWidth() < 1) {
                found.add("'" + labeled.getText() + "' outside the window at x=" + bounds.getMinX() + " ("
                        + describe(labeled) + ")");
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, sceneWidth, found);
            }
        }
    }

    private static String describe(Node node) {
        return node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId())
                + node.getStyleClass();
    }
}
