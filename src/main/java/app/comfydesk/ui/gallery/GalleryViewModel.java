package app.comfydesk.ui.gallery;

import app.comfydesk.ui.common.ActionReasons;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the gallery: the outputs in the grid (one job's, or recent ones across jobs), the one shown in the
 * viewer, and the second one when comparing. Holds no nodes.
 */
public final class GalleryViewModel {

    private final ObservableList<OutputItem> outputs = FXCollections.observableArrayList();
    private final ObjectProperty<OutputItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<OutputItem> compareWith = new SimpleObjectProperty<>(this, "compareWith");
    private final ObjectProperty<CompareMode> compareMode =
            new SimpleObjectProperty<>(this, "compareMode", CompareMode.OFF);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Outputs");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Long> jobId = new ReadOnlyObjectWrapper<>(this, "jobId");
    private final ThumbnailCache thumbnails;
    /** Whether the user chose the selection (click, arrows, swap) rather than the gallery itself. */
    private boolean userPicked;
    private boolean choosing;
    private final OutputActions actions;
    private final ActionReasons<OutputAction> reasons = new ActionReasons<>(OutputAction.class, this::whyNot);

    public GalleryViewModel(ThumbnailCache thumbnails, OutputActions actions) {
        this.thumbnails = Objects.requireNonNull(thumbnails);
        this.actions = Objects.requireNonNull(actions);
        selected.addListener((obs, old, now) -> userPicked = !choosing);
        compareMode.addListener((obs, old, mode) -> {
            if (mode != CompareMode.OFF && compareWith.get() == null) {
                compareWith.set(neighbourOf(selected.get()));
            }
        });
        javafx.beans.InvalidationListener stateChanged = obs -> reasons.update();
        outputs.addListener(stateChanged);
        selected.addListener(stateChanged);
        compareMode.addListener(stateChanged);
        jobId.addListener(stateChanged);
        reasons.update();
    }

    /** Why {@code action} cannot run on what is shown now (the toolbar says it on hover); null when it can. */
    public ReadOnlyStringProperty whyNotProperty(OutputAction action) {
        return reasons.property(action);
    }

    private String whyNot(OutputAction action) {
        OutputItem item = selected.get();
        String nothingShown = outputs.isEmpty() ? jobId.get() == null ? "No outputs yet"
                : "This job has no saved outputs" : item == null ? "Select an output first" : null;
        return switch (action) {
            case NAVIGATE -> outputs.size() == 1 ? "This is the only output" : outputs.isEmpty() ? nothingShown : null;
            case ZOOM -> nothingShown != null ? nothingShown
                    : item.kind().isImage() ? null : "Only pictures can be zoomed";
            case FILE, FULL_SCREEN -> nothingShown;
            case COMPARE -> compareMode.get() != CompareMode.OFF || outputs.size() > 1 ? null
                    : outputs.isEmpty() ? nothingShown : "Comparing needs a second output";
            case SWAP -> compareMode.get() == CompareMode.OFF ? "Turn on Compare or A/B first" : null;
        };
    }

    /**
     * Shows {@code items} in the grid under {@code heading}; keeps the selection when it is still there. When the
     * same job gains outputs while the viewer is on the one the gallery picked (or on the newest), the viewer
     * follows to the newest: a job's outputs come oldest first, recent outputs across jobs newest first.
     */
    public void show(String heading, Long fromJob, List<OutputItem> items) {
        boolean sameSource = Objects.equals(jobId.get(), fromJob) && Objects.equals(title.get(), heading);
        OutputItem keep = selected.get();
        OutputItem newestBefore = newestOf(outputs, fromJob);
        boolean following = sameSource && compareMode.get() == CompareMode.OFF
                && (!userPicked || keep == null || keep.equals(newestBefore));
        title.set(heading);
        jobId.set(fromJob);
        if (!outputs.equals(items)) {
            outputs.setAll(items);
        }
        OutputItem newest = newestOf(outputs, fromJob);
        if (following && newest != null && !Objects.equals(newest, newestBefore)) {
            choose(newest);
        } else if (keep == null || !outputs.contains(keep)) {
            choose(outputs.isEmpty() ? null : outputs.get(0));
        }
        if (compareWith.get() != null && !outputs.contains(compareWith.get())) {
            compareWith.set(null);
            compareMode.set(CompareMode.OFF);
        }
    }

    private static OutputItem newestOf(List<OutputItem> items, Long fromJob) {
        if (items.isEmpty()) {
            return null;
        }
        return fromJob == null ? items.get(0) : items.get(items.size() - 1);
    }

    /** A selection the gallery makes itself, which new outputs may move on from (unlike the user's own pick). */
    private void choose(OutputItem item) {
        choosing = true;
        try {
            selected.set(item);
        } finally {
            choosing = false;
        }
        userPicked = false;
    }

    public ObservableList<OutputItem> outputs() {
        return outputs;
    }

    public ObjectProperty<OutputItem> selectedProperty() {
        return selected;
    }

    public ObjectProperty<OutputItem> compareWithProperty() {
        return compareWith;
    }

    public ObjectProperty<CompareMode> compareModeProperty() {
        return compareMode;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The last action's outcome in words ("Copied", "Could not save …"); empty when there is nothing to say. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The job whose outputs are shown, or null for recent outputs across jobs. */
    public ReadOnlyObjectProperty<Long> jobIdProperty() {
        return jobId.getReadOnlyProperty();
    }

    public ThumbnailCache thumbnails() {
        return thumbnails;
    }

    public OutputActions actions() {
        return actions;
    }

    public void next() {
        step(1);
    }

    public void previous() {
        step(-1);
    }

    private void step(int delta) {
        if (outputs.isEmpty()) {
            return;
        }
        int index = outputs.indexOf(selected.get());
        int target = index < 0 ? 0 : Math.floorMod(index + delta, outputs.size());
        selected.set(outputs.get(target));
    }

    /** Compares the selected output with {@code other} side by side (or in the current compare mode). */
    public void compare(OutputItem other) {
        compareWith.set(other);
        if (compareMode.get() == CompareMode.OFF) {
            compareMode.set(CompareMode.SIDE_BY_SIDE);
        }
    }

    public void stopComparing() {
        compareMode.set(CompareMode.OFF);
        compareWith.set(null);
    }

    /** Swaps A and B. */
    public void swap() {
        OutputItem other = compareWith.get();
        if (other != null) {
            compareWith.set(selected.get());
            selected.set(other);
        }
    }

    void report(String text) {
        message.set(text == null ? "" : text);
    }

    private OutputItem neighbourOf(OutputItem item) {
        if (outputs.size() < 2) {
            return item;
        }
        int index = outputs.indexOf(item);
        return outputs.get(index + 1 < outputs.size() ? index + 1 : Math.max(0, index - 1));
    }
}
