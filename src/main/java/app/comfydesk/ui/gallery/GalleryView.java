package app.comfydesk.ui.gallery;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.ExplainedButton;
import app.comfydesk.ui.common.FxThread;
import app.comfydesk.ui.common.ShortcutTable;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.controlsfx.control.GridView;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The pictures area ({@code #gallery}): a virtualized thumbnail grid on the left, the viewer on the right, with
 * compare (side by side with synchronized zoom, or an A/B slider), full-screen and the file actions.
 * Keys: ←/→ previous/next, 0 fit, Z 100 %, +/− zoom, C compare, F full-screen; 1–5 stars, P pick, X reject, U
 * unmark ({@link RatingKeys}).
 */
public final class GalleryView extends BorderPane {

    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("current");
    static final PseudoClass COMPARED = PseudoClass.getPseudoClass("compared");
    /** The viewer's keys (see the key handler below), for the shortcuts dialog: {@code ShortcutTable.with(...)}. */
    public static final List<ShortcutTable.Entry> SHORTCUTS = List.of(
            new ShortcutTable.Entry("Viewer", "Previous / next output", "← / →"),
            new ShortcutTable.Entry("Viewer", "Fit to the pane", "0"),
            new ShortcutTable.Entry("Viewer", "Actual size (100 %)", "Z"),
            new ShortcutTable.Entry("Viewer", "Zoom in / out", "+ / −"),
            new ShortcutTable.Entry("Viewer", "Compare side by side / stop", "C"),
            new ShortcutTable.Entry("Viewer", "Full screen", "F"),
            new ShortcutTable.Entry("Viewer", "Copy image", KeyCombination.valueOf("Shortcut+C")),
            new ShortcutTable.Entry("Viewer", "Save as", KeyCombination.valueOf("Shortcut+S")),
            RatingKeys.SHORTCUTS.get(0), RatingKeys.SHORTCUTS.get(1), RatingKeys.SHORTCUTS.get(2));

    /** Space around the thumbnail inside a tile (padding and border). */
    static final double TILE_CHROME = 12;
    static final double CELL_SPACING = 6;
    /** Below this a tile is too small to recognise a picture; fewer columns then. */
    static final double MIN_TILE_WIDTH = 90;
    /** GridView's skin keeps this much of its width for the scroll bar when it counts columns. */
    private static final double GRID_SCROLLBAR_ALLOWANCE = 18;

    static final String STYLESHEET = GalleryView.class.getResource("/app/comfydesk/ui/monitor.css").toExternalForm();

    private final GalleryViewModel model;
    private final BackgroundExecutor background;
    private final Viewport viewport = new Viewport();
    private final OutputViewer primary;
    private final OutputViewer secondary;
    private final GridView<OutputItem> grid = new GridView<>();
    private final StackPane viewerArea = new StackPane();
    private final Slider abSlider = new Slider(0, 1, 0.5);

    public GalleryView(GalleryViewModel model, BackgroundExecutor background) {
        this.model = model;
        this.background = background;
        setId("gallery");
        getStyleClass().add("gallery");
        getStylesheets().add(STYLESHEET);
        primary = new OutputViewer(viewport, background, this::openExternally);
        primary.setId("viewer");
        secondary = new OutputViewer(viewport, background, this::openExternally);
        secondary.setId("compareViewer");
        primary.itemProperty().bind(model.selectedProperty());
        secondary.itemProperty().bind(model.compareWithProperty());
        primary.imageViewer().compareImageProperty().bind(Bindings.when(
                model.compareModeProperty().isEqualTo(CompareMode.SLIDER))
                .then(secondary.imageViewer().imageProperty()).otherwise((javafx.scene.image.Image) null));
        primary.imageViewer().splitProperty().bindBidirectional(abSlider.valueProperty());

        grid.setId("outputGrid");
        grid.getStyleClass().add("output-grid");
        grid.setItems(model.outputs());
        grid.setHorizontalCellSpacing(CELL_SPACING);
        grid.setVerticalCellSpacing(CELL_SPACING);
        sizeTiles(ThumbnailCache.SIZE + TILE_CHROME);
        // Tiles share the strip's whole width: as many columns as fit, stretched evenly, instead of one fixed
        // 132 px column with a wide empty margin.
        grid.widthProperty().addListener((obs, old, width) -> sizeTiles(tileWidthFor(width.doubleValue()
                - grid.snappedLeftInset() - grid.snappedRightInset())));
        grid.setCellFactory(ignored -> new ThumbnailCell(model, this, grid.cellWidthProperty()));
        grid.setMinWidth(150);

        Label empty = new Label();
        empty.textProperty().bind(Bindings.when(model.jobIdProperty().isNull())
                .then("Outputs appear here as jobs finish").otherwise("This job has no saved outputs"));
        empty.getStyleClass().add("viewer-empty");
        StackPane thumbnails = new StackPane(grid, empty);
        javafx.scene.layout.VBox.setVgrow(thumbnails, Priority.ALWAYS);
        javafx.scene.layout.VBox gridPane = new javafx.scene.layout.VBox(new MarksBar(model), thumbnails);
        gridPane.setMinWidth(0);
        empty.visibleProperty().bind(Bindings.isEmpty(model.outputs()));
        empty.setMouseTransparent(true);

        viewerArea.getStyleClass().add("viewer-area");
        model.compareModeProperty().addListener(obs -> {
            layoutViewers();
            fitAfterModeSwitch();
        });
        layoutViewers();

        SplitPane split = new SplitPane(gridPane, viewerArea);
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(gridPane, false);
        setTop(toolbar());
        setCenter(split);
        Label message = new Label();
        message.getStyleClass().add("gallery-message");
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        setBottom(message);
        // A filter, so arrows still page through outputs when a toolbar button has the focus (buttons would
        // otherwise use them for focus traversal); text fields and the A/B slider keep their keys.
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        setFocusTraversable(true);
    }

    /**
     * The tile width that fills {@code available} pixels (the grid's inner width) with whole columns: about one
     * thumbnail wide each, never narrower than {@link #MIN_TILE_WIDTH} when there is room for one.
     */
    static double tileWidthFor(double available) {
        double usable = available - GRID_SCROLLBAR_ALLOWANCE;
        double preferred = ThumbnailCache.SIZE + TILE_CHROME + 2 * CELL_SPACING;
        int columns = Math.max(1, (int) Math.round(usable / preferred));
        while (columns > 1 && usable / columns - 2 * CELL_SPACING < MIN_TILE_WIDTH) {
            columns--;
        }
        double width = Math.floor(usable / columns) - 2 * CELL_SPACING;
        return Math.max(MIN_TILE_WIDTH, width);
    }

    private void sizeTiles(double tileWidth) {
        if (tileWidth != grid.getCellWidth()) {
            grid.setCellWidth(tileWidth);
            grid.setCellHeight(tileWidth + 20);
        }
    }

    public GalleryViewModel model() {
        return model;
    }

    /** The main viewer (for tests and the full-screen window). */
    public OutputViewer viewer() {
        return primary;
    }

    public OutputViewer compareViewer() {
        return secondary;
    }

    public Viewport viewport() {
        return viewport;
    }

    private ToolBar toolbar() {
        Label title = new Label();
        title.getStyleClass().add("gallery-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        title.textProperty().bind(model.titleProperty());
        Label count = new Label();
        count.getStyleClass().add("gallery-count");
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.textProperty().bind(Bindings.createStringBinding(() -> model.outputs().isEmpty() ? ""
                : model.outputs().size() + (model.outputs().size() == 1 ? " output" : " outputs"), model.outputs()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        ToggleGroup compareGroup = new ToggleGroup();
        ToggleButton sideBySide = labelled(toggle("compareButton", Feather.COLUMNS, compareGroup), "Compare");
        ToggleButton slider = labelled(toggle("abButton", Feather.SIDEBAR, compareGroup), "A/B");
        syncToggle(sideBySide, CompareMode.SIDE_BY_SIDE);
        syncToggle(slider, CompareMode.SLIDER);
        abSlider.setId("abSlider");
        abSlider.setPrefWidth(64);
        abSlider.setMinWidth(48);
        abSlider.visibleProperty().bind(model.compareModeProperty().isEqualTo(CompareMode.SLIDER));
        abSlider.managedProperty().bind(abSlider.visibleProperty());

        // The sketch's order: navigate, fit / 100 %, compare, save, and the rest behind "⋯".
        MenuItem copy = new MenuItem("Copy image", new FontIcon(Feather.COPY));
        copy.setOnAction(event -> ifSelected(item -> model.actions().copyToClipboard(item, model::report)));
        MenuItem open = new MenuItem("Open in system viewer", new FontIcon(Feather.EXTERNAL_LINK));
        open.setOnAction(event -> ifSelected(this::openExternally));
        MenuItem folder = new MenuItem("Show in folder", new FontIcon(Feather.FOLDER));
        folder.setOnAction(event -> ifSelected(item -> model.actions().showInFolder(item.file(), model::report)));
        MenuItem zoomIn = new MenuItem("Zoom in (+)", new FontIcon(Feather.ZOOM_IN));
        zoomIn.setOnAction(event -> primary.imageViewer().zoom(1.25));
        MenuItem zoomOut = new MenuItem("Zoom out (−)", new FontIcon(Feather.ZOOM_OUT));
        zoomOut.setOnAction(event -> primary.imageViewer().zoom(0.8));
        MenuButton more = new MenuButton(null, new FontIcon(Feather.MORE_HORIZONTAL), copy, open, folder,
                new SeparatorMenuItem(), zoomIn, zoomOut);
        more.setId("moreOutputActions");
        more.getStyleClass().addAll("flat", "no-arrow");
        javafx.scene.control.Button fitWords = labelled(button("fitButton", Feather.MINIMIZE_2, this::fit), "Fit");
        javafx.scene.control.Button sizeWords = labelled(button("actualSizeButton", Feather.MAXIMIZE_2,
                this::actualSize), "100%");
        Node[] items = {
            title, count, spacer,
            explained(button("previousButton", Feather.CHEVRON_LEFT, model::previous), "Previous (←)",
                    OutputAction.NAVIGATE),
            explained(button("nextButton", Feather.CHEVRON_RIGHT, model::next), "Next (→)", OutputAction.NAVIGATE),
            new Separator(Orientation.VERTICAL),
            explained(fitWords, "Fit the whole picture (0)", OutputAction.ZOOM),
            explained(sizeWords, "Actual size, 100 % (Z)", OutputAction.ZOOM),
            new Separator(Orientation.VERTICAL),
            explained(sideBySide, "Compare two outputs side by side (C)", OutputAction.COMPARE),
            explained(slider, "A/B: one picture over the other, split by a slider", OutputAction.COMPARE),
            abSlider,
            explained(button("swapButton", Feather.REPEAT, model::swap), "Swap A and B", OutputAction.SWAP),
            explained(button("fullScreenButton", Feather.MAXIMIZE, this::showFullScreen), "Full screen (F)",
                    OutputAction.FULL_SCREEN),
            new Separator(Orientation.VERTICAL),
            explained(button("saveAsButton", Feather.SAVE, () -> ifSelected(this::saveAs)), "Save as… (Ctrl+S)",
                    OutputAction.FILE),
            explained(more, "More: copy, open, show in folder, zoom", OutputAction.FILE),
        };
        ToolBar toolbar = new CompactingToolBar(List.of(fitWords, sizeWords, sideBySide, slider), items);
        toolbar.getStyleClass().add("gallery-toolbar");
        return toolbar;
    }

    private void syncToggle(ToggleButton toggle, CompareMode mode) {
        toggle.setOnAction(event -> {
            if (toggle.isSelected()) {
                model.compareModeProperty().set(mode);
            } else {
                model.stopComparing();
            }
        });
        model.compareModeProperty().addListener((obs, old, now) -> toggle.setSelected(now == mode));
    }

    /** Icon-only buttons that look alike (fit / 100 %, compare / A-B) get words next to the icon. */
    private static <T extends javafx.scene.control.ButtonBase> T labelled(T button, String text) {
        button.setText(text);
        // Words cut to "…" say nothing: the toolbar moves whole buttons into its overflow menu instead.
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    private static Button button(String id, Ikon icon, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().add("flat");
        button.setOnAction(event -> action.run());
        return button;
    }

    private static ToggleButton toggle(String id, Ikon icon, ToggleGroup group) {
        ToggleButton toggle = new ToggleButton(null, new FontIcon(icon));
        toggle.setId(id);
        toggle.getStyleClass().add("flat");
        toggle.setToggleGroup(group);
        return toggle;
    }

    /** The tooltip names the action, and while the action cannot run on what is shown, says why. */
    private Node explained(javafx.scene.control.ButtonBase button, String tip, OutputAction action) {
        return new ExplainedButton(button, tip, model.whyNotProperty(action));
    }

    /**
     * A new compare mode starts from the whole picture: a pan made for a half-width viewer (side by side) would
     * otherwise carry over into the A/B view, showing one corner of the picture.
     */
    private void fitAfterModeSwitch() {
        viewport.fittingProperty().set(true);
        viewerArea.applyCss();
        viewerArea.layout();
        primary.imageViewer().fit();
    }

    private void layoutViewers() {
        if (model.compareModeProperty().get() == CompareMode.SIDE_BY_SIDE) {
            HBox pair = new HBox(2, primary, secondary);
            pair.getStyleClass().add("compare-pair");
            HBox.setHgrow(primary, Priority.ALWAYS);
            HBox.setHgrow(secondary, Priority.ALWAYS);
            primary.setPrefWidth(1);
            secondary.setPrefWidth(1);
            viewerArea.getChildren().setAll(pair);
        } else {
            viewerArea.getChildren().setAll(primary);
        }
    }

    void fit() {
        primary.imageViewer().fit();
    }

    void actualSize() {
        primary.imageViewer().actualSize();
    }

    private void onKey(KeyEvent event) {
        if (event.getTarget() instanceof javafx.scene.control.TextInputControl
                || event.getTarget() instanceof Slider) {
            return;
        }
        KeyCode code = event.getCode();
        boolean handled = true;
        if (event.isShortcutDown() && code == KeyCode.C) {
            ifSelected(item -> model.actions().copyToClipboard(item, model::report));
        } else if (event.isShortcutDown() && code == KeyCode.S) {
            ifSelected(this::saveAs);
        } else if (event.isShortcutDown() || event.isAltDown()) {
            handled = false;
        } else if (code == KeyCode.LEFT) {
            model.previous();
        } else if (code == KeyCode.RIGHT) {
            model.next();
        } else if (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0) {
            fit();
        } else if (code == KeyCode.Z) {
            actualSize();
        } else if (RatingKeys.handle(code, model, model.selectedProperty().get())) {
            // stars or pick set on the output in the viewer
        } else if (code == KeyCode.PLUS || code == KeyCode.EQUALS || code == KeyCode.ADD) {
            primary.imageViewer().zoom(1.25);
        } else if (code == KeyCode.MINUS || code == KeyCode.SUBTRACT) {
            primary.imageViewer().zoom(0.8);
        } else if (code == KeyCode.C) {
            if (model.compareModeProperty().get() == CompareMode.OFF) {
                model.compareModeProperty().set(CompareMode.SIDE_BY_SIDE);
            } else {
                model.stopComparing();
            }
        } else if (code == KeyCode.F || code == KeyCode.F11) {
            showFullScreen();
        } else {
            handled = false;
        }
        if (handled) {
            event.consume();
        }
    }

    private void ifSelected(java.util.function.Consumer<OutputItem> action) {
        OutputItem item = model.selectedProperty().get();
        if (item != null) {
            action.accept(item);
        }
    }

    private void openExternally(OutputItem item) {
        model.actions().openExternally(item, model::report);
    }

    void saveAs(OutputItem item) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save output as");
        chooser.setInitialFileName(item.fileName());
        File target = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (target != null) {
            model.actions().saveAs(item, target.toPath(), model::report);
        }
    }

    /** Opens the selected output in a full-screen window; Esc closes it, arrows keep navigating. */
    public Stage showFullScreen() {
        if (model.selectedProperty().get() == null) {
            return null;
        }
        return FullScreenViewer.show(model, primary.imageViewer(), background, this::openExternally,
                getScene());
    }
}
