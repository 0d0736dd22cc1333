package app.comfydesk.ui.gallery;

import app.comfydesk.jobs.OutputMark;
import app.comfydesk.jobs.RatingFilter;
import app.comfydesk.ui.common.Icons;
import app.comfydesk.ui.common.Tooltips;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;

/**
 * Over the thumbnails: the rating filter ({@code #ratingFilter}), "Show picks" across all jobs ({@code #showPicks}),
 * "Export picks" ({@code #exportPicks}) with its progress, and the selected output's stars and pick
 * ({@code #markLabel}).
 */
final class MarksBar extends javafx.scene.layout.VBox {

    MarksBar(GalleryViewModel model) {
        super(4);
        getStyleClass().add("marks-bar");
        ComboBox<RatingFilter> filter = RatingFilterBox.of("ratingFilter", model.ratingFilterProperty(),
                "Show only outputs with these stars or marks (rate with 1–5, P, X)");
        // Two rows: the thumbnail strip is narrow, and the filter must show its words.
        filter.setMaxWidth(Double.MAX_VALUE);

        ToggleButton picks = new ToggleButton(null, new org.kordamp.ikonli.javafx.FontIcon(Feather.STAR));
        picks.setId("showPicks");
        Tooltips.onHover(picks, "Show picks (or what the filter keeps) across all jobs");
        picks.setSelected(model.showingPicksProperty().get());
        model.showingPicksProperty().addListener((obs, old, now) -> picks.setSelected(now));
        picks.setOnAction(event -> {
            picks.setSelected(model.showingPicksProperty().get()); // the model says when the list has come
            if (model.showingPicksProperty().get()) {
                model.leavePicks();
            } else {
                model.showPicks();
            }
        });

        Button export = Icons.iconButton(Feather.DOWNLOAD, "Export picks… (copies every pick into a folder)");
        export.setId("exportPicks");
        export.disableProperty().bind(model.exportProgressProperty().greaterThanOrEqualTo(0));
        export.setOnAction(event -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Export picks into folder");
            File folder = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (folder != null) {
                model.exportPicks(folder.toPath());
            }
        });
        ProgressBar progress = new ProgressBar();
        progress.setId("exportProgress");
        progress.setPrefWidth(60);
        progress.progressProperty().bind(model.exportProgressProperty());
        progress.visibleProperty().bind(model.exportProgressProperty().greaterThanOrEqualTo(0));
        progress.managedProperty().bind(progress.visibleProperty());

        Label mark = new Label();
        mark.setId("markLabel");
        mark.getStyleClass().add("mark-label");
        mark.textProperty().bind(Bindings.createStringBinding(() -> {
            OutputItem item = model.selectedProperty().get();
            OutputMark now = model.markOf(item);
            return item == null || !item.rateable() ? "" : now.equals(OutputMark.NONE) ? "☆ unrated"
                    : RatingKeys.badge(now);
        }, model.selectedProperty(), model.marks()));
        mark.setMinWidth(0);
        HBox.setHgrow(mark, Priority.ALWAYS);
        HBox actions = new HBox(4, picks, export, progress, mark);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(filter, actions);
    }
}
