package app.comfydesk.ui.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.image.Image;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class GalleryViewTest {

    /** A 1×1 lossless WebP (the image format JavaFX cannot decode by itself). */
    private static final String WEBP = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";

    @TempDir
    static Path temp;
    private final List<Path> opened = new CopyOnWriteArrayList<>();
    private GalleryViewModel model;
    private GalleryView view;
    private ThumbnailCache thumbnails;
    private List<OutputItem> items;

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createTempDirectory(temp, "outputs");
        items = List.of(png(folder, "a.png", Color.RED, 1600, 1200), png(folder, "b.png", Color.BLUE, 1600, 1200),
                webp(folder), OutputItem.of(Files.writeString(folder.resolve("latent.bin"), "xyz")));
        thumbnails = new ThumbnailCache(folder.resolve("cache"));
        model = new GalleryViewModel(thumbnails, new OutputActions(new SameThreadBackgroundExecutor(),
                new DesktopIntegration() {
                    @Override
                    public void open(Path file) {
                        opened.add(file);
                    }

                    @Override
                    public void showInFolder(Path file) {
                        opened.add(file.getParent());
                    }
                }));
        javafx.application.Application.setUserAgentStylesheet(
                app.comfydesk.ui.common.Theme.LIGHT.userAgentStylesheet());
        view = new GalleryView(model, new SameThreadBackgroundExecutor());
        model.show("Job #1", 1L, items);
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
    }

    private static OutputItem png(Path folder, String name, Color color, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        Path file = folder.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return new OutputItem(file, 1, name);
    }

    private static OutputItem webp(Path folder) throws Exception {
        Path file = folder.resolve("c.webp");
        Files.write(file, Base64.getDecoder().decode(WEBP));
        return new OutputItem(file, 1, "c.webp");
    }

    @Test
    void theViewerShowsTheSelectionAndArrowKeysStepThroughOutputs(FxRobot robot) {
        assertThat(model.selectedProperty().get()).isEqualTo(items.get(0));
        Image first = view.viewer().image();
        assertThat(first.getWidth()).isEqualTo(1600);
        robot.clickOn("#viewer").type(KeyCode.RIGHT);
        assertThat(model.selectedProperty().get()).isEqualTo(items.get(1));
        robot.type(KeyCode.RIGHT);
        // WebP is decoded through ImageIO (TwelveMonkeys), not shown as a card.
        assertThat(view.viewer().image()).isNotNull();
        assertThat(view.viewer().image().getWidth()).isEqualTo(1);
        robot.type(KeyCode.RIGHT);
        // Nothing can decode this one: a file card with "Open externally".
        assertThat(view.viewer().image()).isNull();
        robot.clickOn("#openExternallyButton");
        assertThat(opened).containsExactly(items.get(3).file());
        robot.type(KeyCode.RIGHT);
        assertThat(model.selectedProperty().get()).isEqualTo(items.get(0));
    }

    @Test
    void zoomFitAndActualSizeAndSynchronizedCompare(FxRobot robot) {
        double fitted = view.viewport().scale();
        assertThat(fitted).isLessThan(1);
        robot.clickOn("#viewer").type(KeyCode.EQUALS);
        assertThat(view.viewport().scale()).isCloseTo(fitted * 1.25, org.assertj.core.api.Assertions.within(1e-9));
        robot.clickOn("#viewer").type(KeyCode.Z);
        assertThat(view.viewport().scale()).isEqualTo(1);
        robot.type(KeyCode.DIGIT0);
        assertThat(view.viewport().scale()).isEqualTo(fitted);

        robot.type(KeyCode.C);
        assertThat(model.compareModeProperty().get()).isEqualTo(CompareMode.SIDE_BY_SIDE);
        assertThat(model.compareWithProperty().get()).isEqualTo(items.get(1));
        assertThat(view.compareViewer().image()).isNotNull();
        double halfWidthFit = view.viewport().scale();
        robot.moveTo("#compareViewer").scroll(3, javafx.geometry.VerticalDirection.UP);
        // Zooming either side zooms both: they share one viewport.
        assertThat(view.viewport().scale()).isNotEqualTo(halfWidthFit);
        assertThat(view.viewer().imageViewer().viewport()).isSameAs(view.compareViewer().imageViewer().viewport());

        robot.clickOn("#abButton");
        assertThat(view.viewer().imageViewer().compareImageProperty().get()).isSameAs(view.compareViewer().image());
        robot.clickOn("#swapButton");
        assertThat(model.selectedProperty().get()).isEqualTo(items.get(1));
        robot.clickOn("#abButton");
        assertThat(model.compareModeProperty().get()).isEqualTo(CompareMode.OFF);
        assertThat(view.viewer().imageViewer().compareImageProperty().get()).isNull();
    }

    @Test
    void disabledToolbarButtonsSayWhyAndComeBackWithTheirPlainName(FxRobot robot) {
        app.comfydesk.ui.common.ExplainedButton swap = (app.comfydesk.ui.common.ExplainedButton)
                robot.lookup("#swapButton").query().getParent();
        assertThat(swap.button().isDisabled()).isTrue();
        assertThat(swap.tooltip().getText()).isEqualTo("Swap A and B — Turn on Compare or A/B first");
        robot.clickOn("#compareButton");
        assertThat(swap.button().isDisabled()).isFalse();
        assertThat(swap.tooltip().getText()).isEqualTo("Swap A and B");
        robot.clickOn("#compareButton");

        robot.interact(() -> model.show("Job #2", 2L, List.of()));
        for (String id : List.of("#previousButton", "#fitButton", "#saveAsButton", "#fullScreenButton",
                "#compareButton", "#moreOutputActions")) {
            app.comfydesk.ui.common.ExplainedButton button = (app.comfydesk.ui.common.ExplainedButton)
                    robot.lookup(id).query().getParent();
            assertThat(button.button().isDisabled()).as(id).isTrue();
            assertThat(button.tooltip().getText()).as(id).endsWith(" — This job has no saved outputs");
        }
    }

    @Test
    void fullScreenShowsTheSelectionAndEscapeCloses(FxRobot robot) {
        Stage[] full = new Stage[1];
        robot.interact(() -> full[0] = view.showFullScreen());
        assertThat(full[0].isShowing()).isTrue();
        OutputViewer viewer = (OutputViewer) full[0].getScene().lookup("#fullScreenViewer");
        assertThat(full[0].getFullScreenExitHint()).as("JavaFX's own hint animates past a closed window").isEmpty();
        assertThat(robot.from(full[0].getScene().getRoot()).lookup("Esc to leave full screen").tryQuery()).isPresent();
        assertThat(viewer.itemProperty().get()).isEqualTo(items.get(0));
        assertThat(viewer.image()).isNotNull();
        robot.interact(() -> full[0].requestFocus());
        robot.type(KeyCode.RIGHT);
        assertThat(model.selectedProperty().get()).isEqualTo(items.get(1));
        assertThat(viewer.itemProperty().get()).isEqualTo(items.get(1));
        robot.type(KeyCode.ESCAPE);
        assertThat(full[0].isShowing()).isFalse();
    }

    @Test
    void saveAsCopiesTheOutputAndSaysWhere(FxRobot robot) throws Exception {
        Path target = Files.createTempDirectory(temp, "saved").resolve("keep.png");
        robot.interact(() -> model.actions().saveAs(items.get(0), target, model::report));
        assertThat(target).hasSameBinaryContentAs(items.get(0).file());
        assertThat(model.messageProperty().get()).isEqualTo("Saved keep.png");
        Path nowhere = temp.resolve("missing-folder").resolve("x.png");
        robot.interact(() -> model.actions().saveAs(items.get(0), nowhere, model::report));
        assertThat(nowhere).doesNotExist();
        assertThat(model.messageProperty().get()).startsWith("Could not save x.png");
    }

    @Test
    void thumbnailsAreCachedOnDiskAndDraggedOutputsCarryFileAndPath(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> thumbnails.cached(items.get(0).file()) != null);
        try (var files = Files.walk(thumbnails.directory())) {
            assertThat(files.filter(file -> file.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(2);
        }
        // A second cache (a restart) reads the stored thumbnail instead of decoding the original.
        try (ThumbnailCache again = new ThumbnailCache(thumbnails.directory(), Runnable::run)) {
            Image image = again.produce(items.get(0).file());
            assertThat(image.getUrl()).contains(thumbnails.directory().getFileName().toString());
            assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(ThumbnailCache.SIZE);
        }
        ClipboardContent content = new ClipboardContent();
        robot.interact(() -> OutputActions.fill(content, items.get(0)));
        assertThat(content.getFiles()).containsExactly(items.get(0).file().toFile());
        assertThat(content.get(OutputActions.OUTPUT_PATH)).isEqualTo(items.get(0).file().toAbsolutePath().toString());
    }

    @Test
    void fullScreenInABModeShowsBothPicturesWithTheSameSplitAndBadgesBesideTheHandle(FxRobot robot) {
        robot.interact(() -> {
            model.compare(items.get(1));
            model.compareModeProperty().set(CompareMode.SLIDER);
        });
        Stage[] full = new Stage[1];
        robot.interact(() -> full[0] = view.showFullScreen());
        OutputViewer viewer = (OutputViewer) full[0].getScene().lookup("#fullScreenViewer");
        assertThat(viewer.imageViewer().compareImageProperty().get()).as("image B, not image A alone")
                .isNotNull().isSameAs(view.compareViewer().image());
        robot.interact(() -> view.viewer().imageViewer().splitProperty().set(0.3));
        assertThat(viewer.imageViewer().splitProperty().get()).isEqualTo(0.3);
        robot.interact(() -> { });
        // The badges sit at mid height beside the handle, away from the top corners where a picture's own label is.
        for (javafx.scene.Node badge : viewer.lookupAll(".ab-badge")) {
            javafx.geometry.Bounds bounds = badge.localToScene(badge.getBoundsInLocal());
            assertThat(badge.isVisible()).isTrue();
            assertThat(bounds.getMinY()).isGreaterThan(full[0].getScene().getHeight() / 4);
        }
        robot.interact(() -> full[0].close());
        robot.interact(() -> model.stopComparing());
    }

    @Test
    void switchingToTheABSliderStartsFromTheWholePicture(FxRobot robot) {
        robot.interact(() -> model.compareModeProperty().set(CompareMode.SIDE_BY_SIDE));
        robot.clickOn("#viewer").type(KeyCode.EQUALS).type(KeyCode.EQUALS);
        assertThat(view.viewport().fittingProperty().get()).isFalse();
        robot.interact(() -> model.compareModeProperty().set(CompareMode.SLIDER));
        assertThat(view.viewport().fittingProperty().get()).isTrue();
        Image shown = view.viewer().image();
        double canvasWidth = view.viewer().imageViewer().getWidth();
        assertThat(view.viewport().scale() * shown.getWidth()).isLessThanOrEqualTo(canvasWidth + 1);
        robot.interact(() -> model.stopComparing());
    }

    @Test
    void theABViewStaysFittedToItsWholeWidthWhenBChangesOrTheWindowResizes(FxRobot robot) {
        // Seen under Xvfb: after side-by-side, A sat at the left edge fitted to half the width and nothing showed
        // right of the divider, because the side-by-side viewer (out of the scene) fitted the shared zoom to its
        // own, old half-width size whenever its picture (B) changed.
        robot.interact(() -> model.compareModeProperty().set(CompareMode.SIDE_BY_SIDE));
        robot.interact(() -> model.compareModeProperty().set(CompareMode.SLIDER));
        robot.interact(() -> model.compare(items.get(2)));
        robot.interact(() -> model.compare(items.get(1)));
        assertFittedAndCentred("after B changed");
        Stage stage = (Stage) view.getScene().getWindow();
        robot.interact(() -> stage.setWidth(stage.getWidth() - 150));
        robot.interact(() -> model.compare(items.get(2)));
        robot.interact(() -> model.compare(items.get(1)));
        assertFittedAndCentred("after a resize");
        robot.interact(() -> stage.setWidth(stage.getWidth() + 150));
        robot.interact(() -> model.stopComparing());
    }

    private void assertFittedAndCentred(String when) {
        ImageViewer viewer = view.viewer().imageViewer();
        Image shown = viewer.imageProperty().get();
        double width = viewer.getWidth();
        double height = viewer.getHeight();
        double scale = view.viewport().scale();
        double expected = Math.min(width / shown.getWidth(), height / shown.getHeight());
        assertThat(scale).as("scale " + when).isCloseTo(expected, org.assertj.core.api.Assertions.within(0.01));
        double left = view.viewport().offsetXProperty().get();
        double right = width - left - shown.getWidth() * scale;
        assertThat(left).as("centred " + when).isCloseTo(right, org.assertj.core.api.Assertions.within(2.0));
    }

    @Test
    void thumbnailTilesFillTheStripWithAsManyColumnsAsFit(FxRobot robot) {
        // The default strip (~300 px, as in the docked window) used to hold a single 132 px column.
        List<ThumbnailCell> tiles = shownTiles(robot);
        assertThat(tiles.stream().map(tile -> Math.round(tile.localToScene(0, 0).getX())).distinct().count())
                .as("columns").isGreaterThanOrEqualTo(2);
        javafx.scene.Node grid = robot.lookup("#outputGrid").query();
        double gridRight = grid.localToScene(grid.getLayoutBounds()).getMaxX();
        double tilesRight = tiles.stream()
                .mapToDouble(tile -> tile.localToScene(tile.getLayoutBounds()).getMaxX()).max().orElse(0);
        assertThat(gridRight - tilesRight).as("unused width right of the tiles").isLessThan(40);

        // A wider strip gets more columns, never tiles smaller than a recognisable picture.
        SplitPane split = robot.lookup(".split-pane").queryAs(SplitPane.class);
        robot.interact(() -> split.setDividerPositions(0.7));
        WaitForAsyncUtils.waitForFxEvents();
        List<ThumbnailCell> wider = shownTiles(robot);
        assertThat(wider.stream().map(tile -> Math.round(tile.localToScene(0, 0).getY())).distinct().count())
                .as("rows").isEqualTo(1);
        assertThat(wider).allSatisfy(tile -> assertThat(tile.getWidth())
                .isGreaterThanOrEqualTo(GalleryView.MIN_TILE_WIDTH));
    }

    @Test
    void longCaptionsKeepTheirEndAndShowTheFullNameInATooltip(FxRobot robot) throws Exception {
        OutputItem longName = new OutputItem(items.get(0).file(), 5, "#5 · ComfyUI_00005_with_a_long_suffix.png");
        robot.interact(() -> model.show("Job #5", 5L, List.of(longName)));
        WaitForAsyncUtils.waitForFxEvents();
        ThumbnailCell tile = shownTiles(robot).get(0);
        javafx.scene.control.Label caption = robot.from(tile).lookup(".thumbnail-caption")
                .queryAs(javafx.scene.control.Label.class);
        assertThat(caption.getTooltip().getText()).contains("#5 · ComfyUI_00005_with_a_long_suffix.png")
                .contains("a.png");
        javafx.scene.text.Text shown = robot.from(caption).lookup(".text").queryAs(javafx.scene.text.Text.class);
        assertThat(shown.getText()).as("cut in the middle, keeping the end").isNotEqualTo(longName.label())
                .endsWith(".png");
    }

    private static List<ThumbnailCell> shownTiles(FxRobot robot) {
        return robot.lookup(".thumbnail-cell").queryAllAs(ThumbnailCell.class).stream()
                .filter(tile -> tile.getItem() != null && tile.isVisible()).toList();
    }
}
