package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.ui.gallery.CompareMode;
import app.comfydesk.ui.gallery.GalleryView;
import app.comfydesk.ui.gallery.OutputItem;
import app.comfydesk.ui.settings.ProfileClients;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ToolBar;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16 item 14: in the main window at 1280×720 and 1600×1000, with nine outputs shown, in each compare mode, the
 * viewer toolbar keeps every control in the bar (nothing falls into the "»" overflow, "⋯" stays reachable) and no
 * label in it is elided ("9 outputs" drawn as "…").
 */
@ExtendWith(ApplicationExtension.class)
class ViewerToolbarTruncationTest {

    private StudioFixture fixture;
    private JobStore store;
    private JobEngine engine;
    private Stage stage;
    private final List<OutputItem> items = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fixture = new StudioFixture(stage);
        store = JobStore.open(fixture.folder.resolve("jobs.db"));
        engine = new JobEngine(store, ProfileClients.factory(fixture.settings),
                EngineSettings.defaults(fixture.folder.resolve("outputs")));
        fixture.studio.attachEngine(engine, fixture.folder.resolve("thumbnails"));
        fixture.studio.studio().loadSample();
        Path outputs = Files.createDirectories(fixture.folder.resolve("pictures"));
        for (int i = 0; i < 9; i++) {
            BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            var graphics = image.createGraphics();
            graphics.setColor(new Color(20 * i, 90, 200 - 20 * i));
            graphics.fillRect(0, 0, 64, 48);
            graphics.dispose();
            Path file = outputs.resolve("ComfyUI_0000" + i + "_.png");
            ImageIO.write(image, "png", file.toFile());
            items.add(new OutputItem(file, 1, "#1 · seed " + (1000 + i)));
        }
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
    }

    @Test
    void theViewerToolbarKeepsEveryControlWholeAt1280x720() throws Exception {
        checkAt(1280, 720);
    }

    @Test
    void theViewerToolbarKeepsEveryControlWholeAt1600x1000() throws Exception {
        checkAt(1600, 1000);
    }

    /** The first window on a 1600×1000 screen (FirstWindowBounds.LARGE_WIDTH × LARGE_HEIGHT). */
    @Test
    void theViewerToolbarKeepsEveryControlWholeInTheFirstWindowOfALargeScreen() throws Exception {
        checkAt(1440, 900);
    }

    /**
     * Seen in the app's first window on a 1600×1000 screen: at some widths the bar, compact, thought its words fit,
     * brought them back, overflowed, dropped them again, and its request for another layout from inside the layout
     * pass was lost, leaving "⋯" behind "»" until the next resize. Every width from a small laptop's to 1600.
     */
    @Test
    void noWidthLeavesTheOverflowShown() throws Exception {
        FxRobot robot = new FxRobot();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#gallery").tryQuery().isPresent());
        GalleryView gallery = robot.lookup("#gallery").queryAs(GalleryView.class);
        robot.interact(() -> gallery.model().show("Recent outputs", null, items.subList(0, 3)));
        List<String> found = new ArrayList<>();
        for (int width = 1280; width <= 1600 && found.isEmpty(); width += 3) {
            int at = width;
            robot.interact(() -> {
                // At the screen's corner: a window past the headless screen's edge overflows its frame buffer.
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(at);
                stage.setHeight(900);
            });
            WaitForAsyncUtils.waitForFxEvents();
            problems(robot).forEach(problem -> found.add(at + " px: " + problem));
        }
        assertThat(found).as("viewer toolbar problems while the window widens").isEmpty();
    }

    private void checkAt(double width, double height) throws Exception {
        FxRobot robot = new FxRobot();
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#gallery").tryQuery().isPresent());
        GalleryView gallery = robot.lookup("#gallery").queryAs(GalleryView.class);
        // The bar is laid out empty first; the count and title that arrive later must still fit (they used to be
        // measured only when the bar's width changed).
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> gallery.model().show("Job #1234", 1234L, items));
        for (CompareMode mode : CompareMode.values()) {
            robot.interact(() -> {
                if (mode == CompareMode.OFF) {
                    gallery.model().stopComparing();
                } else {
                    gallery.model().compare(items.get(1));
                    gallery.model().compareModeProperty().set(mode);
                }
            });
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> { }); // a layout pass after the compact/wide switch ran later
            WaitForAsyncUtils.waitForFxEvents();
            StudioFixture.snapshotIfAsked(robot, stage.getScene().getRoot(),
                    "viewer-toolbar-" + (int) width + "-" + mode + ".png");
            assertThat(problems(robot)).as("viewer toolbar at %sx%s in %s", width, height, mode).isEmpty();
        }
    }

    /** What is wrong in the viewer toolbar: items in the overflow, labels elided or outside the bar. */
    private List<String> problems(FxRobot robot) {
        List<String> found = new ArrayList<>();
        robot.interact(() -> {
            ToolBar toolbar = robot.lookup(".gallery-toolbar").queryAs(ToolBar.class);
            Bounds bar = toolbar.localToScene(toolbar.getLayoutBounds());
            toolbar.lookupAll(".tool-bar-overflow-button").stream().filter(Node::isVisible)
                    .forEach(button -> found.add("the overflow '»' is shown"));
            for (Node item : toolbar.getItems()) {
                boolean meant = item.isVisible() || item instanceof javafx.scene.control.Separator;
                if (!meant || !item.isManaged()) {
                    continue;
                }
                if (item.getScene() == null || item.getParent() == null
                        || !isInside(item, toolbar)) {
                    found.add(describe(item) + " is not in the bar (moved into the overflow)");
                    continue;
                }
                Bounds bounds = item.localToScene(item.getLayoutBounds());
                if (bounds.getMaxX() > bar.getMaxX() + 0.5 || bounds.getWidth() < 1) {
                    found.add(describe(item) + " ends outside the bar at x=" + bounds.getMaxX());
                }
            }
            collect(toolbar, found);
        });
        return found;
    }

    private static boolean isInside(Node node, Parent ancestor) {
        for (Parent parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static void collect(Node node, List<String> found) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            String drawn = labeled.getChildrenUnmodifiable().stream()
                    .filter(child -> child instanceof Text && child.getClass().getSimpleName().equals("LabeledText"))
                    .map(text -> ((Text) text).getText()).findFirst().orElse(null);
            if (drawn != null && !drawn.equals(labeled.getText())) {
                found.add("'" + labeled.getText() + "' drawn as '" + drawn + "' (" + describe(labeled) + ")");
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, found);
            }
        }
    }

    private static String describe(Node node) {
        Node shown = node instanceof app.comfydesk.ui.common.ExplainedButton explained ? explained.button() : node;
        return shown.getClass().getSimpleName() + (shown.getId() == null ? "" : "#" + shown.getId())
                + (shown instanceof Labeled labeled && labeled.getText() != null ? " '" + labeled.getText() + "'" : "");
    }
}
