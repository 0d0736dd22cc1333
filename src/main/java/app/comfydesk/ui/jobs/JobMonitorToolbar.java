package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.RatingFilter;
import app.comfydesk.ui.common.ExplainedButton;
import app.comfydesk.ui.common.Tooltips;
import app.comfydesk.ui.gallery.RatingFilterBox;
import atlantafx.base.controls.CustomTextField;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The job monitor's toolbar: the status and rating filters, the debounced search, the row count, and the buttons
 * of the selection's actions (each disabled with its reason while it cannot run). Part of {@link JobMonitorView}.
 */
final class JobMonitorToolbar extends HBox {

    private final JobMonitorViewModel model;

    /**
     * @param copyToClipboard puts text on the clipboard and says so (the view's one way to copy)
     * @param clearSelection  clears the table's selection ("Show recent outputs" leaves no job focused)
     */
    JobMonitorToolbar(JobMonitorViewModel model, Consumer<String> copyToClipboard, Runnable clearSelection) {
        super(6);
        this.model = model;
        Label title = new Label("Jobs");
        title.getStyleClass().add("monitor-title");
        ComboBox<StatusFilter> filter = new ComboBox<>();
        filter.setId("statusFilter");
        filter.getItems().setAll(StatusFilter.values());
        filter.valueProperty().bindBidirectional(model.statusFilterProperty());
        ComboBox<RatingFilter> rating = RatingFilterBox.compact("jobRatingFilter", model.ratingFilterProperty(),
                "Jobs with an output of these stars or marks");
        // Narrower than its longest choice, but "★ Any", "Picks" and "★★★ and up" still read whole.
        rating.setMinWidth(104);
        rating.setPrefWidth(124);
        CustomTextField search = new CustomTextField();
        search.setId("jobSearch");
        search.setPromptText("Search prompt, request id, deployment…");
        search.setLeft(new FontIcon(Feather.SEARCH));
        search.setPrefColumnCount(18);
        search.textProperty().bindBidirectional(model.searchTextProperty());
        PauseTransition debounce = new PauseTransition(Duration.millis(250));
        debounce.setOnFinished(event -> model.applySearch());
        search.textProperty().addListener(obs -> debounce.playFromStart());
        search.setOnAction(event -> model.applySearch());
        Label count = new Label();
        count.setId("jobCount");
        count.getStyleClass().add("monitor-count");
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            if (model.loadingProperty().get()) {
                return "loading…";
            }
            return countText(model.shownCountProperty().get(), model.matchedJobsProperty().get());
        }, model.shownCountProperty(), model.matchedJobsProperty(), model.loadingProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Node cancel = action("cancelJobButton", Feather.X_CIRCLE, "Cancel selected (Ctrl+K)", JobAction.CANCEL,
                model::cancelSelected);
        Node delete = action("deleteRemoteButton", Feather.TRASH_2,
                "Delete remote assets of selected finished jobs (Delete)", JobAction.DELETE_REMOTE,
                model::deleteRemoteSelected);
        Node rerun = action("rerunButton", Feather.REFRESH_CW, "Re-run with the same edits (Ctrl+Shift+R)",
                JobAction.RERUN, model::rerunSelected);
        Node loadEdits = action("loadEditsButton", Feather.EDIT, "Load edits into the form (Ctrl+L)",
                JobAction.LOAD_EDITS, model::loadEditsIntoForm);
        Node folder = action("openFolderButton", Feather.FOLDER, "Open output folder (Ctrl+Shift+O)",
                JobAction.OPEN_FOLDER, model::openOutputFolder);
        Node copyId = action("copyRequestIdButton", Feather.COPY, "Copy the request id of the selected jobs (Ctrl+C)",
                JobAction.COPY_REQUEST_ID, () -> copyToClipboard.accept(model.selectedRequestIds()));
        Node recent = action("recentOutputsButton", Feather.GRID, "Show recent outputs across jobs", null, () -> {
            clearSelection.run();
            model.showRecentOutputs();
        });
        // Only the search field gives way when the bar is short of room; the words and the buttons keep their size.
        for (Region fixed : new Region[] {title, filter, count}) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        search.setMinWidth(96); // with the rating filter beside it, at 1280 px
        getChildren().setAll(title, filter, rating, search, count, spacer, cancel, delete, rerun,
                new Separator(Orientation.VERTICAL), loadEdits, folder, copyId, recent);
        for (Node node : getChildren()) {
            if (node instanceof Region region && node != search && node != spacer && node != rating) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("monitor-toolbar");
    }

    /** An icon button; one for an action that can be unavailable says why on hover while it is disabled. */
    private Node action(String id, Ikon icon, String tip, JobAction action, Runnable run) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().addAll("flat", "button-icon");
        button.setOnAction(event -> run.run());
        if (action != null) {
            return new ExplainedButton(button, tip, model.whyNotProperty(action));
        }
        Tooltips.onHover(button, tip);
        button.setAccessibleText(tip);
        return button;
    }

    /** "9 jobs", or "9 jobs in 1 row" when sweeps are folded: a folded sweep is not one job. */
    static String countText(int rows, int jobs) {
        String text = String.format(java.util.Locale.ROOT, "%,d job%s", jobs, jobs == 1 ? "" : "s");
        return jobs <= rows ? text : text + String.format(java.util.Locale.ROOT, " in %,d row%s", rows,
                rows == 1 ? "" : "s");
    }
}
