package app.comfydesk.ui.jobs;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.gallery.GalleryViewModel;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The job table's selection and the focused job's details: the details are read in the background, and a
 * generation counter drops a read that a newer selection overtook. The focused job's outputs go to the gallery;
 * with nothing focused the gallery shows the recent outputs of all jobs. Part of {@link JobMonitorViewModel}.
 * Holds no nodes.
 */
final class JobSelectionModel {

    /** How many recent outputs the gallery shows when no job is selected. */
    static final int RECENT_OUTPUTS = 60;

    private final JobMonitorBackend backend;
    private final BackgroundExecutor background;
    private final GalleryViewModel gallery;
    private final Consumer<String> say;
    /** Told first whenever the selection, or a selected row's state, changes (the actions' reasons follow it). */
    private final Runnable selectionChanged;
    private final ObservableList<JobItem> selection = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<JobItem> focused = new ReadOnlyObjectWrapper<>(this, "focused");
    private final ReadOnlyObjectWrapper<JobDetails> details = new ReadOnlyObjectWrapper<>(this, "details");
    private long detailsGeneration;

    JobSelectionModel(JobMonitorBackend backend, BackgroundExecutor background, GalleryViewModel gallery,
                      Consumer<String> say, Runnable selectionChanged) {
        this.backend = backend;
        this.background = background;
        this.gallery = gallery;
        this.say = say;
        this.selectionChanged = selectionChanged;
        selection.addListener((ListChangeListener<JobItem>) change -> onSelectionChanged());
    }

    ObservableList<JobItem> selection() {
        return selection;
    }

    ReadOnlyObjectProperty<JobItem> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    /** The focused job's id, or -1 when none is focused. */
    long focusedId() {
        return focused.get() == null ? -1 : focused.get().id();
    }

    ReadOnlyObjectProperty<JobDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    List<JobRow> selectedRows() {
        return selection.stream().map(JobItem::row).filter(java.util.Objects::nonNull).toList();
    }

    private void onSelectionChanged() {
        selectionChanged.run();
        JobItem first = selection.isEmpty() ? null : selection.get(selection.size() - 1);
        if (first != focused.get()) {
            focused.set(first);
            loadDetails();
        }
    }

    /** Lands a page read for the table ({@link JobListModel#pageLandingThrough}). */
    void landPage(Runnable landing) {
        JobItem selected = focused.get();
        boolean selectedWhileLoading = selected != null && selected.row() == null;
        landing.run();
        // Rows clicked before their page arrived: the actions and the details follow them now.
        selectionChanged.run();
        if (selectedWhileLoading && selected.row() != null) {
            loadDetails();
        }
    }

    /** Reads the focused job's details again (it changed), or shows the recent outputs when none is focused. */
    void loadDetails() {
        JobItem item = focused.get();
        long generation = ++detailsGeneration;
        if (item == null || item.row() == null) {
            details.set(null);
            showRecentOutputs();
            return;
        }
        long id = item.id();
        background.submit(() -> backend.details(id).orElse(null)).onSuccess(loaded -> {
            if (generation != detailsGeneration) {
                return;
            }
            details.set(loaded);
            if (loaded != null && !loaded.outputs().isEmpty()) {
                gallery.show("Job #" + id, id, loaded.outputs());
            } else if (loaded != null) {
                gallery.show("Job #" + id, id, List.of());
            }
        }).onError(error -> say.accept("Could not load job #" + id + ": " + error));
    }

    /** Shows the newest outputs across all jobs in the gallery. */
    void showRecentOutputs() {
        long generation = detailsGeneration;
        background.submit(() -> backend.recentOutputs(RECENT_OUTPUTS))
                .onSuccess(outputs -> {
                    // A job selected meanwhile has the gallery, and its outputs may have arrived first.
                    if (generation == detailsGeneration) {
                        gallery.show("Recent outputs", null, outputs);
                    }
                })
                .onError(error -> say.accept("Could not list recent outputs: " + error));
    }
}
