package app.comfydesk.ui.sweep;

import app.comfydesk.ui.gallery.ThumbnailCache;
import app.comfydesk.workflow.variations.AxisValue;
import app.comfydesk.workflow.variations.Sweep;
import app.comfydesk.workflow.variations.SweepAxis;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * The contact sheet as it fills ({@code #sweepGrid}): X values across the top, Y down the left, one block per Z
 * value, the runs of a cell side by side. A click opens the cell's picture in the viewer; Ctrl+click (or a right
 * click) picks it for comparing. Only the tiles whose cell changed are touched on each batch.
 */
public final class SweepGridView extends VBox {

    static final double TILE = 120;
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass CANCELLED = PseudoClass.getPseudoClass("cancelled");
    private static final PseudoClass PICKED = PseudoClass.getPseudoClass("picked");
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass FILTERED = PseudoClass.getPseudoClass("filtered");

    private final SweepGridModel model;
    private final ThumbnailCache thumbnails;
    private final List<Tile> tiles = new ArrayList<>();
    /**
     * Tiles still to be made for the plan shown: {@link #TILES_PER_PULSE} a frame, so a 10 × 10 sweep's grid
     * appears over five frames instead of one long one (the first CSS pass over 100 tiles was the longest pulse).
     */
    private final java.util.ArrayDeque<Runnable> tilesToBuild = new java.util.ArrayDeque<>();
    private final javafx.animation.AnimationTimer tileBuilder = new javafx.animation.AnimationTimer() {
        @Override
        public void handle(long now) {
            buildSomeTiles();
        }
    };
    static final int TILES_PER_PULSE = 20;

    public SweepGridView(SweepGridModel model, ThumbnailCache thumbnails) {
        this.model = model;
        this.thumbnails = thumbnails;
        setId("sweepGrid");
        getStyleClass().add("sweep-grid-box");
        setSpacing(14);
        model.planProperty().addListener((obs, old, now) -> rebuild());
        model.cells().addListener((ListChangeListener<CellUpdate>) change -> {
            while (change.next()) {
                if (change.wasReplaced() || change.wasAdded()) {
                    for (int i = change.getFrom(); i < change.getTo(); i++) {
                        if (i < tiles.size() && tiles.get(i) != null) {
                            tiles.get(i).show(model.cells().get(i));
                        }
                    }
                }
            }
        });
        model.picked().addListener((SetChangeListener<Integer>) change -> {
            if (change.wasAdded()) {
                tileAt(change.getElementAdded()).ifPresent(tile -> tile.pseudoClassStateChanged(PICKED, true));
            }
            if (change.wasRemoved()) {
                tileAt(change.getElementRemoved()).ifPresent(tile -> tile.pseudoClassStateChanged(PICKED, false));
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            tileAt(old.intValue()).ifPresent(tile -> tile.pseudoClassStateChanged(SELECTED, false));
            tileAt(now.intValue()).ifPresent(tile -> tile.pseudoClassStateChanged(SELECTED, true));
        });
        // A mark set here, in the viewer or from the store shows on the tile of that output; a filter shows anew.
        model.marks().addListener((javafx.collections.MapChangeListener<app.comfydesk.ui.gallery.OutputRef,
                app.comfydesk.jobs.OutputMark>) change -> {
            for (int i = 0; i < tiles.size(); i++) {
                CellUpdate cell = model.cells().get(i);
                if (tiles.get(i) != null && cell.jobId() != null && cell.jobId() == change.getKey().jobId()) {
                    tiles.get(i).show(cell);
                }
            }
        });
        model.ratingFilterProperty().addListener((obs, old, now) -> {
            for (int i = 0; i < tiles.size(); i++) {
                if (tiles.get(i) != null) {
                    tiles.get(i).show(model.cells().get(i));
                }
            }
        });
        setFocusTraversable(true);
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (model.rate(event)) {
                event.consume();
            }
        });
        rebuild();
    }

    private java.util.Optional<Tile> tileAt(int index) {
        return index >= 0 && index < tiles.size() ? java.util.Optional.ofNullable(tiles.get(index))
                : java.util.Optional.empty();
    }

    private void rebuild() {
        tileBuilder.stop();
        tilesToBuild.clear();
        getChildren().clear();
        tiles.clear();
        SweepPlan plan = model.planProperty().get();
        if (plan == null) {
            Label empty = new Label("Run a sweep to see its grid here.");
            empty.getStyleClass().add("sweep-hint");
            getChildren().add(empty);
            return;
        }
        Sweep sweep = plan.sweep();
        for (int i = 0; i < plan.cells().size(); i++) {
            tiles.add(null);
        }
        for (int z = 0; z < sweep.size(2); z++) {
            GridPane grid = new GridPane();
            grid.getStyleClass().add("sweep-grid");
            grid.setId("sweepGrid-z" + z);
            if (sweep.axes().size() > 2) {
                getChildren().add(title("Z  " + sweep.axes().get(2).ref() + " = "
                        + sweep.axes().get(2).values().get(z).label()));
            }
            grid.add(title(axisTitle(sweep, 0) + (sweep.axes().size() > 1 ? " → / " + axisTitle(sweep, 1) + " ↓"
                    : " →")), 0, 0);
            for (int x = 0; x < sweep.size(0); x++) {
                Label label = edge(sweep.axes().get(0).values().get(x));
                grid.add(label, 1 + x * sweep.batch(), 0, sweep.batch(), 1);
            }
            for (int y = 0; y < sweep.size(1); y++) {
                if (sweep.axes().size() > 1) {
                    grid.add(edge(sweep.axes().get(1).values().get(y)), 0, 1 + y);
                }
            }
            for (SweepPlan.Cell cell : plan.cells()) {
                if (cell.cell().z() == z) {
                    tilesToBuild.add(() -> addTile(grid, sweep, cell));
                }
            }
            getChildren().add(grid);
        }
        buildSomeTiles();
        if (!tilesToBuild.isEmpty()) {
            tileBuilder.start();
        }
    }

    private void buildSomeTiles() {
        for (int i = 0; i < TILES_PER_PULSE && !tilesToBuild.isEmpty(); i++) {
            tilesToBuild.poll().run();
        }
        if (tilesToBuild.isEmpty()) {
            tileBuilder.stop();
        }
    }

    private void addTile(GridPane grid, Sweep sweep, SweepPlan.Cell cell) {
        int index = cell.cell().index();
        Tile tile = new Tile(index, SweepPlan.where(sweep, cell.cell()));
        tiles.set(index, tile);
        tile.pseudoClassStateChanged(PICKED, model.picked().contains(index));
        tile.pseudoClassStateChanged(SELECTED, model.selectedProperty().get() == index);
        if (index < model.cells().size()) {
            tile.show(model.cells().get(index));
        }
        grid.add(tile, 1 + cell.cell().x() * sweep.batch() + cell.cell().run(), 1 + cell.cell().y());
    }

    private static String axisTitle(Sweep sweep, int axis) {
        SweepAxis a = sweep.axes().get(axis);
        return Sweep.axisName(axis) + " " + a.ref();
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("sweep-grid-title");
        return label;
    }

    private static Label edge(AxisValue value) {
        Label label = new Label(value.label());
        label.getStyleClass().add("sweep-edge-label");
        label.setMaxWidth(TILE * 1.5);
        // Made on the first hover, as the tiles' are: a tooltip per edge value built with the grid costs a pulse.
        label.setOnMouseEntered(event -> {
            if (label.getTooltip() == null) {
                label.setTooltip(new Tooltip(value.label()));
            }
        });
        return label;
    }

    /** The tile of cell {@code index}, for tests and the benchmark. */
    StackPane tile(int index) {
        return tiles.get(index);
    }

    /**
     * One cell. Kept light, since a 10 × 10 sweep builds 100 of them in one pulse: the state is a {@link Text} (no
     * skin), and the picture and the rating badge are made when there is one to show. The state and the picture are
     * unmanaged and placed by the tile itself: the tile's size is fixed, so a new state or picture needs no layout
     * pass of the whole grid (a managed child's change lays out every tile again, once per update while filling).
     */
    private final class Tile extends StackPane {
        private ImageView image;
        private final Text state = new Text();
        private Label mark;
        private final int index;
        private java.nio.file.Path shownPicture;
        private boolean tooltipped;

        Tile(int index, String where) {
            this.index = index;
            setId("sweepCell-" + index);
            getStyleClass().add("sweep-cell");
            setPrefSize(TILE, TILE);
            setMinSize(TILE, TILE);
            setMaxSize(TILE, TILE);
            state.getStyleClass().add("sweep-cell-state");
            state.setWrappingWidth(TILE - 10);
            state.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            state.setTextOrigin(javafx.geometry.VPos.TOP);
            state.setManaged(false);
            // Its size follows the text and the CSS (a failed cell's is bold): it is placed again whenever it changes.
            state.layoutBoundsProperty().addListener(obs -> centre(state));
            getChildren().add(state);
            // The tooltip is made on the first hover: 100 tooltips built with the grid cost a long pulse.
            setOnMouseEntered(event -> {
                if (!tooltipped) {
                    tooltipped = true;
                    Tooltip.install(this, new Tooltip(where + "\nClick: open in the viewer · Ctrl+click: pick to "
                            + "compare · 1–5, P, X, U: rate"));
                }
            });
            setOnMouseClicked(event -> {
                model.selectedProperty().set(index);
                SweepGridView.this.requestFocus();
                if (event.getButton() == MouseButton.SECONDARY || event.isShortcutDown() || event.isControlDown()) {
                    model.togglePick(index);
                } else if (event.getButton() == MouseButton.PRIMARY) {
                    model.open(index);
                }
            });
        }

        void show(CellUpdate cell) {
            pseudoClassStateChanged(FAILED, cell.phase() == CellPhase.FAILED);
            pseudoClassStateChanged(CANCELLED, cell.phase() == CellPhase.CANCELLED);
            String text = cell.phase() == CellPhase.FAILED ? "failed" + (cell.note() == null ? ""
                    : "\n" + abbreviate(cell.note())) : cell.output() != null ? "" : cell.phase().text();
            if (!text.equals(state.getText())) {
                state.setText(text);
            }
            state.setVisible(!text.isEmpty());
            String badge = cell.output() == null ? "" : app.comfydesk.ui.gallery.RatingKeys.badge(model.markOf(index));
            if (!badge.isEmpty() || mark != null) {
                markLabel().setText(badge);
                mark.setVisible(!badge.isEmpty());
            }
            boolean filtered = !model.passes(index);
            pseudoClassStateChanged(FILTERED, filtered);
            if (image != null) {
                image.setVisible(!filtered);
            }
            if (cell.output() != null && !cell.output().equals(shownPicture)) {
                shownPicture = cell.output();
                java.nio.file.Path wanted = cell.output();
                thumbnails.load(wanted, loaded -> {
                    if (wanted.equals(shownPicture)) {
                        imageView().setImage(loaded);
                        image.setVisible(model.passes(index));
                    }
                });
            }
        }

        private ImageView imageView() {
            if (image == null) {
                image = new ImageView();
                image.setFitWidth(TILE - 4);
                image.setFitHeight(TILE - 4);
                image.setPreserveRatio(true);
                image.setManaged(false);
                image.layoutBoundsProperty().addListener(obs -> centre(image));
                getChildren().add(0, image); // under the state and the badge
            }
            return image;
        }

        /**
         * Lays out only this tile: its size is fixed, so a change inside (a badge appearing, a new text) cannot move
         * its neighbours, and asking the grid to lay out all its tiles again for it cost a long pulse per update
         * while a sweep filled.
         */
        @Override
        public void requestLayout() {
            setNeedsLayout(true);
        }

        /** Places an unmanaged child in the middle of the tile (whose size is fixed). */
        private void centre(javafx.scene.Node child) {
            javafx.geometry.Bounds b = child.getLayoutBounds();
            child.relocate(Math.round((TILE - b.getWidth()) / 2), Math.round((TILE - b.getHeight()) / 2));
        }

        private Label markLabel() {
            if (mark == null) {
                mark = new Label();
                mark.getStyleClass().add("sweep-cell-mark");
                StackPane.setAlignment(mark, Pos.BOTTOM_LEFT);
                getChildren().add(mark);
            }
            return mark;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }
}
