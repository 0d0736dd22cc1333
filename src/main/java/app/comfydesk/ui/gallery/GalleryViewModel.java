package app.comfydesk.ui.gallery;

import app.comfydesk.jobs.OutputMark;
import app.comfydesk.jobs.RatingFilter;
import app.comfydesk.ui.common.ActionReasons;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.FxBatcher;
import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import java.nio.file.Path;
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
import javafx.collections.ObservableMap;

/**
 * State of the gallery: the outputs in the grid (one job's, or recent ones across jobs), the one shown in the
 * viewer, and the second one when comparing; the outputs' stars and picks, the rating filter, "Show picks" and
 * the picks export. Holds no nodes.
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
    private final OutputMarks markStore;
    private final BackgroundExecutor background;
    /** Live stars and picks of the outputs shown (a rating shows at once; the store is written behind it). */
    private final ObservableMap<OutputRef, OutputMark> marks = FXCollections.observableHashMap();
    private final ObjectProperty<RatingFilter> ratingFilter =
            new SimpleObjectProperty<>(this, "ratingFilter", RatingFilter.ANY);
    private final javafx.beans.property.ReadOnlyBooleanWrapper showingPicks =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "showingPicks");
    private final javafx.beans.property.ReadOnlyDoubleWrapper exportProgress =
            new javafx.beans.property.ReadOnlyDoubleWrapper(this, "exportProgress", -1);
    /** Export progress from the worker, latest only, in one FX hop per batch. */
    private final FxBatcher<Double> progressEvents;
    /** Everything last shown, before the rating filter. */
    private List<OutputItem> unfiltered = List.of();
    private String unfilteredHeading = "Outputs";
    private Long unfilteredJob;

    public GalleryViewModel(ThumbnailCache thumbnails, OutputActions actions) {
        this(thumbnails, actions, OutputMarks.inMemory(), new SameThreadBackgroundExecutor(), Runnable::run);
    }

    /**
     * @param markStore  where stars and picks are kept
     * @param background runs the store's reads and writes and the export
     */
    public GalleryViewModel(ThumbnailCache thumbnails, OutputActions actions, OutputMarks markStore,
                            BackgroundExecutor background) {
        this(thumbnails, actions, markStore, background, app.comfydesk.ui.common.FxThread.executor());
    }

    /** @param fxThread where worker progress is delivered ({@code Runnable::run} in unit tests) */
    public GalleryViewModel(ThumbnailCache thumbnails, OutputActions actions, OutputMarks markStore,
                            BackgroundExecutor background, java.util.concurrent.Executor fxThread) {
        this.thumbnails = Objects.requireNonNull(thumbnails);
        this.actions = Objects.requireNonNull(actions);
        this.markStore = Objects.requireNonNull(markStore);
        this.background = Objects.requireNonNull(background);
        this.progressEvents = FxBatcher.on(fxThread, progress -> "progress",
                batch -> exportProgress.set(batch.get(batch.size() - 1)));
        ratingFilter.addListener((obs, old, filter) -> {
            if (showingPicks.get()) {
                showPicks();
            } else {
                showFiltered(unfilteredHeading, unfilteredJob, unfiltered, false);
            }
        });
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
        if (showingPicks.get() && fromJob == null) {
            // Recent outputs refreshing as jobs finish do not take the grid away from the picks; kept for later.
            behindPicks = new Shown(heading, null, List.copyOf(items));
            return;
        }
        showingPicks.set(false);
        showFiltered(heading, fromJob, items, true);
    }

    private record Shown(String heading, Long job, List<OutputItem> items) {
    }

    /** What "Show picks" covered, shown again when the picks are left. */
    private Shown behindPicks;

    /** Leaves "Show picks" for what was shown before (or has come since). */
    public void leavePicks() {
        if (!showingPicks.get()) {
            return;
        }
        showingPicks.set(false);
        Shown back = behindPicks;
        behindPicks = null;
        if (back != null) {
            showFiltered(back.heading(), back.job(), back.items(), false);
        }
    }

    /**
     * @param fresh whether {@code all} was just read from the store: its marks then replace the known ones (except
     *              those still being written); a list held from before (refiltering, leaving the picks) only adds
     *              the marks of outputs not seen yet, so it cannot undo a rating made since
     */
    private void showFiltered(String heading, Long fromJob, List<OutputItem> all, boolean fresh) {
        unfiltered = List.copyOf(all);
        unfilteredHeading = heading;
        unfilteredJob = fromJob;
        for (OutputItem item : all) {
            if (item.rateable() && !pendingMarks.contains(item.ref())) {
                if (fresh) {
                    marks.put(item.ref(), item.mark());
                } else {
                    marks.putIfAbsent(item.ref(), item.mark());
                }
            }
        }
        RatingFilter filter = ratingFilter.get();
        List<OutputItem> items = filter.isAny() ? all : all.stream().filter(item -> filter.accepts(markOf(item)))
                .toList();
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

    // ---- stars and picks ----

    /** Outputs whose new mark is still being written: a read from before the write must not undo it. */
    private final java.util.Set<OutputRef> pendingMarks = new java.util.HashSet<>();

    /** The stars and pick of {@code item} as they are now. */
    public OutputMark markOf(OutputItem item) {
        return item == null ? OutputMark.NONE : marks.getOrDefault(item.ref(), item.mark());
    }

    /** Live marks by output, for cells that show stars. */
    public ObservableMap<OutputRef, OutputMark> marks() {
        return marks;
    }

    /** Gives output {@code ref} {@code stars} (0 clears); shown at once and stored in the background. */
    public void rate(OutputRef ref, int stars) {
        OutputMark now = marks.getOrDefault(ref, markOf(find(ref)));
        mark(ref, now.withStars(stars));
    }

    /** Marks output {@code ref} as a pick (1), a reject (-1) or neither (0). */
    public void pick(OutputRef ref, int pick) {
        OutputMark now = marks.getOrDefault(ref, markOf(find(ref)));
        mark(ref, now.withPick(pick));
    }

    private OutputItem find(OutputRef ref) {
        return unfiltered.stream().filter(item -> item.ref().equals(ref)).findFirst().orElse(null);
    }

    private void mark(OutputRef ref, OutputMark mark) {
        if (ref.jobId() <= 0 || ref.index() < 0) {
            report("Only outputs of a job can be rated");
            return;
        }
        OutputMark before = marks.get(ref);
        marks.put(ref, mark);
        pendingMarks.add(ref);
        background.run(() -> markStore.store(ref, mark))
                .onError(error -> {
                    if (before == null) {
                        marks.remove(ref);
                    } else {
                        marks.put(ref, before);
                    }
                    report("Could not store the rating: " + error);
                })
                .onFinally(() -> pendingMarks.remove(ref));
    }

    /** Which outputs the grid shows by their stars and picks ({@link RatingFilter#ANY}: all). */
    public ObjectProperty<RatingFilter> ratingFilterProperty() {
        return ratingFilter;
    }

    /** Whether the grid shows picks across all jobs rather than one job's or the recent outputs. */
    public javafx.beans.property.ReadOnlyBooleanProperty showingPicksProperty() {
        return showingPicks.getReadOnlyProperty();
    }

    /** Shows, across all jobs, the outputs the rating filter keeps (picks when it keeps everything). */
    public void showPicks() {
        RatingFilter filter = picksFilter();
        background.submit(() -> markStore.find(filter, app.comfydesk.jobs.OutputRatings.MAX_LISTED))
                .onSuccess(found -> {
                    if (!showingPicks.get()) {
                        behindPicks = new Shown(unfilteredHeading, unfilteredJob, unfiltered);
                    }
                    showingPicks.set(true);
                    showFiltered(filter.label() + " across all jobs", null, found, true);
                })
                .onError(error -> report("Could not list the picks: " + error));
    }

    private RatingFilter picksFilter() {
        return ratingFilter.get().isAny() ? RatingFilter.PICKS : ratingFilter.get();
    }

    /** Export progress from 0 to 1 while an export runs, -1 otherwise. */
    public javafx.beans.property.ReadOnlyDoubleProperty exportProgressProperty() {
        return exportProgress.getReadOnlyProperty();
    }

    /**
     * Copies every output that "Show picks" lists (picks, or what the rating filter keeps) into {@code folder} in
     * one step, with progress; the outcome is reported in words.
     */
    public void exportPicks(Path folder) {
        if (exportProgress.get() >= 0) {
            report("An export is already running");
            return;
        }
        RatingFilter filter = picksFilter();
        exportProgress.set(0);
        background.submit(() -> {
            List<OutputItem> picks = markStore.find(filter, app.comfydesk.jobs.OutputRatings.MAX_LISTED);
            if (picks.isEmpty()) {
                return null;
            }
            return PicksExport.copy(picks, folder, (done, total) -> progressEvents.post(done / (double) total));
        }).onSuccess(result -> report(result == null ? "Nothing to export: no output is marked " + filter.label()
                        .toLowerCase(java.util.Locale.ROOT) + " yet (P picks the output in the viewer)"
                        : result.summary(folder)))
                .onError(error -> report("Could not export the picks: " + error))
                .onFinally(() -> {
                    progressEvents.post(-1.0);
                    exportProgress.set(-1);
                });
    }

    private OutputItem neighbourOf(OutputItem item) {
        if (outputs.size() < 2) {
            return item;
        }
        int index = outputs.indexOf(item);
        return outputs.get(index + 1 < outputs.size() ? index + 1 : Math.max(0, index - 1));
    }
}
