package app.comfydesk.ui.sweep;

import app.comfydesk.ui.common.ThemeManager;
import app.comfydesk.ui.gallery.ThumbnailCache;
import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The sweep window: the editor on the left, the contact sheet filling on the right, and above it the progress
 * ("12 / 25"), Cancel (the whole sweep), Compare (the picked cells), Export (one PNG) and Save/Load (definitions).
 */
public final class SweepWindow {

    private static final String STYLESHEET =
            SweepWindow.class.getResource("/app/comfydesk/ui/sweep.css").toExternalForm();

    private final SweepFeature feature;
    private final BorderPane root = new BorderPane();
    private final SweepGridView gridView;
    private Stage stage;

    public SweepWindow(SweepFeature feature, ThumbnailCache thumbnails) {
        this.feature = feature;
        root.setId("sweepWindow");
        root.getStylesheets().add(STYLESHEET);
        Button run = new Button("Run sweep");
        run.setId("sweepRunButton");
        run.getStyleClass().add("accent");
        run.setOnAction(event -> feature.run());
        SweepEditorView editor = new SweepEditorView(feature.editor(), run);
        ScrollPane editorScroll = new ScrollPane(editor);
        editorScroll.setFitToWidth(true);
        editorScroll.setPrefViewportWidth(360);
        editorScroll.setMinWidth(300);
        editorScroll.getStyleClass().add("sweep-editor-scroll");
        VBox.setVgrow(editorScroll, Priority.ALWAYS);
        VBox left = new VBox(editorScroll, editor.footer());
        left.setMinWidth(300);
        left.setPrefWidth(380);

        gridView = new SweepGridView(feature.grid(), thumbnails);
        ScrollPane gridScroll = new ScrollPane(gridView);
        gridScroll.setId("sweepGridScroll");
        root.setLeft(left);
        root.setCenter(gridScroll);
        root.setTop(bar());
        Label message = new Label();
        message.setId("sweepMessage");
        message.getStyleClass().add("sweep-hint");
        message.setWrapText(true);
        message.textProperty().bind(feature.messageProperty());
        HBox status = new HBox(message);
        status.getStyleClass().add("sweep-bar");
        root.setBottom(status);
    }

    private HBox bar() {
        Label progress = new Label();
        progress.setId("sweepProgress");
        progress.getStyleClass().add("sweep-progress");
        progress.textProperty().bind(feature.grid().progressProperty());
        Button cancel = new Button("Cancel sweep");
        cancel.setId("sweepCancelButton");
        cancel.disableProperty().bind(feature.grid().runningProperty().not());
        cancel.setOnAction(event -> feature.cancel());
        Button compare = new Button("Compare picked");
        compare.setId("sweepCompareButton");
        compare.setDisable(true);
        feature.grid().picked().addListener((SetChangeListener<Integer>) change ->
                compare.setDisable(feature.grid().picked().size() < 2));
        compare.setOnAction(event -> feature.grid().comparePicked());
        Button export = new Button("Export sheet…");
        export.setId("sweepExportButton");
        export.disableProperty().bind(feature.grid().planProperty().isNull());
        export.setOnAction(event -> chooseExport());
        Button save = new Button("Save sweep…");
        save.setId("sweepSaveButton");
        save.disableProperty().bind(feature.editor().sweepProperty().isNull());
        save.setOnAction(event -> askSaveName());
        MenuButton saved = new MenuButton("Saved");
        saved.setId("sweepSavedMenu");
        saved.disableProperty().bind(Bindings.isEmpty(feature.savedNames()));
        feature.savedNames().addListener((ListChangeListener<String>) change -> saved.getItems().setAll(
                feature.savedNames().stream().map(name -> {
                    MenuItem item = new MenuItem(name);
                    item.setOnAction(event -> feature.load(name));
                    return item;
                }).toList()));
        var rating = app.comfydesk.ui.gallery.RatingFilterBox.compact("sweepRatingFilter",
                feature.grid().ratingFilterProperty(), "Cells whose picture has these stars or marks");
        Label hint = new Label("Click: view · Ctrl+click: pick to compare · 1–5, P, X: rate");
        hint.setTooltip(new javafx.scene.control.Tooltip("Click a cell to open it in the viewer; Ctrl+click (or "
                + "right-click) picks it for comparing; 1–5 stars, P pick, X reject, U clear the selected cell"));
        hint.getStyleClass().add("sweep-hint");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(progress, cancel, compare, rating, hint, grow, export, save, saved);
        // The buttons keep their words; only the hint gives way when the window is narrow.
        for (javafx.scene.Node node : java.util.List.of(progress, cancel, compare, rating, export, save, saved)) {
            ((Region) node).setMinWidth(Region.USE_PREF_SIZE);
        }
        hint.setMinWidth(0);
        bar.getStyleClass().add("sweep-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void chooseExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the contact sheet");
        chooser.setInitialFileName("contact-sheet.png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            Path target = file.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? file.toPath()
                    : file.toPath().resolveSibling(file.getName() + ".png");
            feature.export(target, written -> { });
        }
    }

    private void askSaveName() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle("Save sweep");
        dialog.setHeaderText("Save this sweep with the workflow, to run it again later");
        dialog.setContentText("Name");
        dialog.initOwner(stage);
        dialog.showAndWait().map(String::strip).filter(name -> !name.isEmpty()).ifPresent(feature::save);
    }

    /** Shows the window (made once, owned by the studio's window), with a fresh time estimate. */
    public void show(Window owner, ThemeManager themes) {
        if (stage == null) {
            stage = new Stage();
            stage.setTitle("Sweep — ComfyDesk");
            if (owner != null) {
                stage.initOwner(owner);
            }
            Scene scene = new Scene(root, 1200, 680);
            if (themes != null) {
                themes.register(scene);
            }
            stage.setScene(scene);
        }
        if (feature.editor().axes().isEmpty()) {
            feature.editor().addAxis(null);
        }
        feature.refreshEstimate();
        stage.show();
        stage.toFront();
    }

    public BorderPane root() {
        return root;
    }

    public Stage stage() {
        return stage;
    }

    SweepGridView gridView() {
        return gridView;
    }
}
