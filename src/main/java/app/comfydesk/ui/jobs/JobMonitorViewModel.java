package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.UnfinishedSnapshot;
import app.comfydesk.ui.common.ActionReasons;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.FxBatcher;
import app.comfydesk.ui.common.FxThread;
import app.comfydesk.ui.gallery.GalleryViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the job monitor: the lazily loaded table rows, filter and sort, the selection and its details, the
 * status-bar figures and the actions. Engine events reach it through one coalescing {@link FxBatcher}: a burst of
 * events for 1,000 jobs costs one FX hop and repaints only the rows on screen. Holds no nodes.
 */
public final class JobMonitorViewModel {

    /** How many recent outputs the gallery shows when no job is selected. */
    public static final int RECENT_OUTPUTS = 60;
    private static final int MAX_SEEDED_JOBS = 100_000;
    private static final int SNAPSHOT_READS = 3;

    private final JobMonitorBackend backend;
    private final BackgroundExecutor background;
    private final ObjectProperty<java.util.function.Function<String, String>> currentWorkflowVersion =
            new SimpleObjectProperty<>(this, "currentWorkflowVersion");
    private final ObjectProperty<InstanceActions> instanceActions =
            new SimpleObjectProperty<>(this, "instanceActions");
    private final GalleryViewModel gallery;
    private final Clock clock;
    private final FxBatcher<Object> events;
    private final LazyJobList rows;

    /** The table's query: sweep groups folded to one row each (the store decides which rows are shown). */
    private static final JobQuery TABLE_DEFAULT = JobQuery.all().withGroups(app.comfydesk.jobs.JobGroupFold.FOLDED);

    private final ObjectProperty<JobQuery> query =
            new SimpleObjectProperty<>(this, "query", TABLE_DEFAULT);
    private final ObjectProperty<StatusFilter> statusFilter =
            new SimpleObjectProperty<>(this, "statusFilter", StatusFilter.ALL);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ObjectProperty<app.comfydesk.jobs.RatingFilter> ratingFilter =
            new SimpleObjectProperty<>(this, "ratingFilter", app.comfydesk.jobs.RatingFilter.ANY);
    private final ReadOnlyIntegerWrapper shownCount = new ReadOnlyIntegerWrapper(this, "shownCount");
    private final ReadOnlyIntegerWrapper matchedJobs = new ReadOnlyIntegerWrapper(this, "matchedJobs");
    private final ReadOnlyIntegerWrapper runningCount = new ReadOnlyIntegerWrapper(this, "runningCount");
    private final ReadOnlyIntegerWrapper queuedCount = new ReadOnlyIntegerWrapper(this, "queuedCount");
    private final ReadOnlyObjectWrapper<ConnectionStatus> connection = new ReadOnlyObjectWrapper<>(this, "connection");
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(this, "now");
    private final ReadOnlyObjectWrapper<JobDetails> details = new ReadOnlyObjectWrapper<>(this, "details");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ObservableList<JobItem> selection = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<JobItem> focused = new ReadOnlyObjectWrapper<>(this, "focused");
    private final ReadOnlyBooleanWrapper selectionCancellable =
            new ReadOnlyBooleanWrapper(this, "selectionCancellable");
    private final ObjectProperty<Consumer<JobDetails>> onLoadEdits = new SimpleObjectProperty<>(this, "onLoadEdits");
    private final ObjectProperty<Consumer<String>> onUseSeed = new SimpleObjectProperty<>(this, "onUseSeed");
    private final ObjectProperty<Consumer<List<JobRow>>> onJobsFinished =
            new SimpleObjectProperty<>(this, "onJobsFinished");
    private final ObjectProperty<Runnable> onRowsReset = new SimpleObjectProperty<>(this, "onRowsReset");
    private final ActionReasons<JobAction> reasons = new ActionReasons<>(JobAction.class, this::whyNot);

    /** Phase of every job seen going by, so a finish is noticed once (notifications) and new jobs are told apart. */
    private final Map<Long, JobStatus> livePhases = new HashMap<>();
    private final Set<Long> insertedSinceReset = new HashSet<>();
    private long newestIdAtReset = Long.MIN_VALUE;
    private boolean refreshRunning;
    private boolean refreshAgain;
    /** The rows shown came from a snapshot whose count and pages disagreed (see {@link #readSnapshot}). */
    private boolean listMayBeOff;
    /** Jobs an event told about before the start-up read of unfinished jobs came back (that read is older). */
    private final Set<Long> seenInEvents = new HashSet<>();
    private boolean seeded;
    private long detailsGeneration;
    /**
     * The newest snapshot per job told while a store read (a page, or a refresh) was out. Such a read may have run
     * before the change was stored and land after it was told; what it brings back must not undo the change. Kept
     * only while reads are out: a read that starts after an event was applied runs after that change was stored.
     */
    private final Map<Long, JobRow> toldDuringReads = new HashMap<>();
    private int readsOut;
    /** The query the rows were read with; until a new query's rows land, pages scrolled to are read with this one. */
    private JobQuery shownQuery = TABLE_DEFAULT;

    private final JobGroupActions groups;

    /** The table's sweep groups: expand, fold, cancel as a whole. */
    public JobGroupActions groups() {
        return groups;
    }

    public JobMonitorViewModel(JobMonitorBackend backend, BackgroundExecutor background, GalleryViewModel gallery) {
        this(backend, background, gallery, FxThread.executor(), Clock.systemUTC());
    }

    /**
     * @param fxThread where the event bridge drains ({@code FxThread.executor()} in the app, {@code Runnable::run}
     *                 in unit tests)
     */
    public JobMonitorViewModel(JobMonitorBackend backend, BackgroundExecutor background, GalleryViewModel gallery,
                               Executor fxThread, Clock clock) {
        this.backend = backend;
        this.background = background;
        this.gallery = gallery;
        this.clock = clock;
        this.now.set(clock.instant());
        this.rows = new LazyJobList(this::loadPage);
        // Newest snapshot per job, the latest connection state and unfinished jobs win; action outcomes are all kept.
        this.events = FxBatcher.on(fxThread, event -> event instanceof JobRow row ? (Object) row.id()
                : event instanceof ConnectionStatus ? "connection"
                : event instanceof UnfinishedSnapshot ? "unfinished" : event, this::apply);
        statusFilter.addListener((obs, old, filter) -> query.set(query.get().withStatuses(filter.phases())));
        ratingFilter.addListener((obs, old, filter) -> query.set(query.get().withRating(filter)));
        query.addListener((obs, old, spec) -> refresh(true));
        this.groups = new JobGroupActions(backend, background, query, this::say);
        selection.addListener((javafx.collections.ListChangeListener<JobItem>) change -> onSelectionChanged());
        details.addListener(obs -> updateReasons());
        onLoadEdits.addListener(obs -> updateReasons());
        updateReasons();
    }

    /** Subscribes to the engine and shows the first page. Call once, on the FX thread. */
    public void start() {
        backend.addListener(new JobMonitorBackend.Listener() {
            @Override
            public void jobChanged(JobRow row) {
                events.post(row);
            }

            @Override
            public void connectionChanged(ConnectionStatus status) {
                events.post(status);
            }

            @Override
            public void unfinishedChanged(UnfinishedSnapshot unfinished) {
                events.post(unfinished);
            }
        });
        showCounts(backend.unfinished());
        refresh(true);
        seedLivePhases();
        showRecentOutputs();
    }

    // ---- table ----

    /** The table's items: as many as the query matches, loaded page by page as they scroll into view. */
    public ObservableList<JobItem> rows() {
        return rows;
    }

    public ObjectProperty<JobQuery> queryProperty() {
        return query;
    }

    public ObjectProperty<StatusFilter> statusFilterProperty() {
        return statusFilter;
    }

    /** Text filter; applied by {@link #applySearch()} (the view debounces typing). */
    /** Jobs with at least one output of these stars or marks (the same rule as the gallery's filter). */
    public ObjectProperty<app.comfydesk.jobs.RatingFilter> ratingFilterProperty() {
        return ratingFilter;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public void applySearch() {
        String shown = query.get().text() == null ? "" : query.get().text(); // JobQuery keeps a blank text as null
        if (!searchText.get().strip().equals(shown)) {
            query.set(query.get().withText(searchText.get()));
        }
    }

    public void sortBy(JobQuery.Sort column, boolean descending) {
        JobQuery current = query.get();
        if (current.sort() != column || current.descending() != descending) {
            query.set(current.sortedBy(column, descending));
        }
    }

    public ReadOnlyIntegerProperty shownCountProperty() {
        return shownCount.getReadOnlyProperty();
    }

    /** How many jobs the rows stand for: more than the rows when a sweep is folded into one (its 9 jobs, 1 row). */
    public ReadOnlyIntegerProperty matchedJobsProperty() {
        return matchedJobs.getReadOnlyProperty();
    }

    /** True while the first page of a new query is on its way. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Ticks every second (see {@link #tick()}) so elapsed times in running rows advance. */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    public void tick() {
        now.set(clock.instant());
    }

    /** Runs after a full reset of the rows (filter, sort, removals) so the view can restore its selection. */
    public ObjectProperty<Runnable> onRowsResetProperty() {
        return onRowsReset;
    }

    /** Index of a job among the loaded rows, or -1. */
    public int indexOfLoaded(long jobId) {
        return rows.indexOf(jobId);
    }

    // ---- selection and details ----

    /** The selected rows; the view keeps it in step with the table's selection. */
    public ObservableList<JobItem> selection() {
        return selection;
    }

    public ReadOnlyObjectProperty<JobItem> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JobDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    private void onSelectionChanged() {
        updateReasons();
        JobItem first = selection.isEmpty() ? null : selection.get(selection.size() - 1);
        if (first != focused.get()) {
            focused.set(first);
            loadDetails();
        }
    }

    private void loadDetails() {
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
        }).onError(error -> say("Could not load job #" + id + ": " + error));
    }

    /** Shows the newest outputs across all jobs in the gallery. */
    public void showRecentOutputs() {
        long generation = detailsGeneration;
        background.submit(() -> backend.recentOutputs(RECENT_OUTPUTS))
                .onSuccess(outputs -> {
                    // A job selected meanwhile has the gallery, and its outputs may have arrived first.
                    if (generation == detailsGeneration) {
                        gallery.show("Recent outputs", null, outputs);
                    }
                })
                .onError(error -> say("Could not list recent outputs: " + error));
    }

    // ---- status bar ----

    public ReadOnlyIntegerProperty runningCountProperty() {
        return runningCount.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty queuedCountProperty() {
        return queuedCount.getReadOnlyProperty();
    }

    /** Null until the engine reports; offline drives the banner. */
    public ReadOnlyObjectProperty<ConnectionStatus> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /**
     * What a reachability probe found for the server at {@code baseUrl} (null: it answered); the connection state
     * follows through the backend like the engine's own findings. Any thread.
     */
    public void connectionProbed(String baseUrl, String offlineReason) {
        backend.connectionProbed(baseUrl, offlineReason);
    }

    /** The outcome of the last action in words; empty when there is nothing to say. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void dismissMessage() {
        message.set("");
    }

    /** Called with the jobs that just finished or failed (for notifications while the window is unfocused). */
    public ObjectProperty<Consumer<List<JobRow>>> onJobsFinishedProperty() {
        return onJobsFinished;
    }

    /** Free GPU memory / refresh schema on a live instance, shown in the details when set (the app sets it). */
    public ObjectProperty<InstanceActions> instanceActionsProperty() {
        return instanceActions;
    }

    /**
     * The workflow version a deployment stores now, when known (deployment id → version or null): the details say
     * when a job was made against an older one. The studio sets it.
     */
    public ObjectProperty<java.util.function.Function<String, String>> currentWorkflowVersionProperty() {
        return currentWorkflowVersion;
    }

    /** The executor the details' own actions report through. */
    BackgroundExecutor background() {
        return background;
    }

    /** Called with a job's details when the user asks to load its edits into the form; the studio sets it. */
    public ObjectProperty<Consumer<JobDetails>> onLoadEditsProperty() {
        return onLoadEdits;
    }

    // ---- actions ----

    public List<JobRow> selectedRows() {
        return selection.stream().map(JobItem::row).filter(java.util.Objects::nonNull).toList();
    }

    public boolean canCancelSelection() {
        return whyNot(JobAction.CANCEL) == null;
    }

    /** {@link #canCancelSelection()} as a property: it follows the selected jobs' states, not only the selection. */
    public ReadOnlyBooleanProperty selectionCancellableProperty() {
        return selectionCancellable.getReadOnlyProperty();
    }

    /** Cancels every selected job that is queued or running. */
    public void cancelSelected() {
        if (sayWhyNot(JobAction.CANCEL)) {
            return;
        }
        List<JobRow> cancellable = selectedRows().stream().filter(row -> row.phase().isCancellable()).toList();
        runForEach(cancellable, row -> backend.cancel(row.id()), "Cancel", "");
    }

    /** Purges remote assets of the selected finished jobs; running ones are skipped with the reason. */
    public void deleteRemoteSelected() {
        List<JobRow> selected = selectedRows();
        List<JobRow> terminal = selected.stream().filter(row -> row.phase().isTerminal()).toList();
        int skipped = selected.size() - terminal.size();
        if (selected.isEmpty()) {
            sayWhyNot(JobAction.DELETE_REMOTE);
            return;
        }
        if (terminal.isEmpty()) {
            say("Remote assets can be deleted only for finished jobs: cancel a queued or running job first, "
                    + "then delete (the server answers 409 Conflict otherwise).");
            return;
        }
        String note = skipped == 0 ? "" : " " + skipped + " unfinished job" + (skipped == 1 ? " was" : "s were")
                + " skipped: cancel first, then delete.";
        runForEach(terminal, row -> backend.deleteRemote(row.id()), "Delete remote assets", note);
    }

    /** Submits the selected jobs again with the same edits. */
    public void rerunSelected() {
        if (sayWhyNot(JobAction.RERUN)) {
            return;
        }
        runForEach(selectedRows(), row -> backend.rerun(row.id()).thenApply(id -> "Submitted as job #" + id), "Re-run",
                "");
    }

    /**
     * Why {@code action} cannot run now, as the toolbar shows it: null when it can. Follows the selection, the
     * selected jobs' states (events change them in place) and the focused job's details.
     */
    public ReadOnlyStringProperty whyNotProperty(JobAction action) {
        return reasons.property(action);
    }

    /**
     * Why {@code action} cannot run now, worked out afresh; null when it can. One short sentence without a period
     * ("Select a job first"). Load edits and open folder are decided from the focused row, so a right-click (which
     * selects the row before its details have loaded) already gets the right answer.
     */
    public String whyNot(JobAction action) {
        List<JobRow> rows = selectedRows();
        JobItem item = focused.get();
        JobRow row = item == null ? null : item.row();
        boolean aboutTheFocused = action == JobAction.LOAD_EDITS || action == JobAction.OPEN_FOLDER
                || action == JobAction.COPY_ERROR || action == JobAction.USE_SEED;
        if (rows.isEmpty() || aboutTheFocused && row == null) {
            return "Select a job first";
        }
        JobDetails current = details.get();
        boolean detailsShown = current != null && row != null && current.row().id() == row.id();
        return switch (action) {
            case CANCEL -> rows.stream().anyMatch(job -> job.phase().isCancellable()) ? null
                    : rows.stream().allMatch(job -> job.phase() == JobStatus.SUBMITTING)
                    ? "Still being sent: a job can be cancelled once it is queued"
                    : "Only queued or running jobs can be cancelled";
            case DELETE_REMOTE -> rows.stream().anyMatch(job -> job.phase().isTerminal()) ? null
                    : "Remote assets can be deleted once the job has finished: cancel it first";
            case RERUN -> null;
            case LOAD_EDITS -> onLoadEdits.get() == null ? "There is no form to load edits into"
                    : detailsShown && current.editsJson() == null ? "This job was submitted without edits" : null;
            case USE_SEED -> onUseSeed.get() == null ? "There is no form to put a seed into"
                    : row.seed() == null ? "This job did not record a seed" : null;
            case OPEN_FOLDER -> outputFolderOf(row) == null ? "This job has no outputs saved yet" : null;
            case COPY_REQUEST_ID -> !selectedRequestIds().isEmpty() ? null : rows.size() == 1
                    ? "This job has no request id yet" : "The selected jobs have no request id yet";
            case COPY_ERROR -> !focusedErrorText().isEmpty() ? null
                    : detailsShown || current == null ? "This job has no error" : "The job's details are loading";
        };
    }

    /** Says why {@code action} cannot run (a key pressed anyway); true when it cannot. */
    private boolean sayWhyNot(JobAction action) {
        String reason = whyNot(action);
        if (reason != null) {
            say(reason + ".");
        }
        return reason != null;
    }

    private void updateReasons() {
        reasons.update();
        selectionCancellable.set(reasons.property(JobAction.CANCEL).get() == null);
    }

    private Path outputFolderOf(JobRow row) {
        JobDetails current = details.get();
        if (current != null && current.row().id() == row.id() && current.outputFolder() != null) {
            return current.outputFolder();
        }
        return row.firstOutput() == null ? null : row.firstOutput().getParent();
    }

    /** Hands the focused job's edits to the form (reading them first when the details have not loaded yet). */
    /** What "Use this seed" does with a job's seed (the studio puts it into the form, fixed). */
    public ObjectProperty<Consumer<String>> onUseSeedProperty() {
        return onUseSeed;
    }

    /** "Use this seed": the focused job's seed goes back into the form, its mode fixed. */
    public void useSeedInForm() {
        if (sayWhyNot(JobAction.USE_SEED)) {
            return;
        }
        JobRow row = focused.get().row();
        onUseSeed.get().accept(row.seed());
    }

    public void loadEditsIntoForm() {
        if (sayWhyNot(JobAction.LOAD_EDITS)) {
            return;
        }
        JobDetails current = details.get();
        long id = focused.get().id();
        if (current != null && current.row().id() == id) {
            loadEdits(current);
            return;
        }
        background.submit(() -> backend.details(id).orElse(null))
                .onSuccess(loaded -> {
                    if (loaded == null) {
                        say("Job #" + id + " is no longer in the history.");
                    } else {
                        loadEdits(loaded);
                    }
                })
                .onError(error -> say("Could not load job #" + id + ": " + error));
    }

    private void loadEdits(JobDetails job) {
        Consumer<JobDetails> target = onLoadEdits.get();
        if (job.editsJson() == null) {
            say("Job #" + job.row().id() + " was submitted without edits.");
        } else if (target != null) {
            target.accept(job);
            say("Loaded the edits of job #" + job.row().id() + " into the form.");
        }
    }

    /** Opens the focused job's output folder. */
    public void openOutputFolder() {
        if (sayWhyNot(JobAction.OPEN_FOLDER)) {
            return;
        }
        gallery.actions().showInFolder(outputFolderOf(focused.get().row()), this::say);
    }

    /** Request ids of the selection, one per line (for the clipboard). */
    public String selectedRequestIds() {
        return selectedRows().stream().map(JobRow::requestId).filter(java.util.Objects::nonNull)
                .collect(Collectors.joining("\n"));
    }

    /** The focused job's error as text: readable summary, then the traceback, then the raw JSON. */
    public String focusedErrorText() {
        JobDetails current = details.get();
        ErrorReport error = current == null ? null : current.error();
        if (error == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(error.summary());
        if (error.traceback() != null) {
            text.append("\n\n").append(error.traceback());
        }
        return text.append("\n\n").append(current.errorJson()).toString();
    }

    void say(String text) {
        // Cleared first so that the same words said again still reach the status bar's listener.
        message.set("");
        message.set(text == null ? "" : text);
    }

    /** Runs one call per job; when all are done, one sentence sums them up (through the bridge). */
    private void runForEach(List<JobRow> targets, Function<JobRow, CompletableFuture<?>> action, String verb,
                            String note) {
        List<String> failures = new ArrayList<>();
        List<String> successes = new ArrayList<>();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (JobRow row : targets) {
            calls.add(action.apply(row).handle((result, error) -> {
                synchronized (failures) {
                    if (error == null) {
                        successes.add(String.valueOf(result));
                    } else {
                        failures.add("#" + row.id() + ": " + readable(error));
                    }
                }
                return null;
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) ->
                events.post((Runnable) () -> {
                    StringBuilder text = new StringBuilder();
                    if (failures.isEmpty()) {
                        text.append(targets.size() == 1 ? successes.get(0) : verb + ": done for "
                                + targets.size() + " jobs.");
                    } else {
                        text.append(verb).append(" failed for ").append(failures.size()).append(" of ")
                                .append(targets.size()).append(" — ").append(String.join("; ", failures));
                    }
                    say(text.append(note).toString());
                }));
    }

    private static String readable(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    // ---- live updates ----

    /** One batch from the bridge: the newest snapshot per job, connection changes, finished action outcomes. */
    private void apply(List<Object> batch) {
        boolean structural = false;
        boolean detailsChanged = false;
        List<JobRow> finished = new ArrayList<>();
        JobQuery spec = query.get();
        long focusedId = focused.get() == null ? -1 : focused.get().id();
        for (Object event : batch) {
            if (event instanceof ConnectionStatus status) {
                connection.set(status);
                continue;
            }
            if (event instanceof UnfinishedSnapshot unfinished) {
                showCounts(unfinished);
                continue;
            }
            if (event instanceof Runnable outcome) {
                outcome.run();
                continue;
            }
            JobRow row = (JobRow) event;
            if (readsOut > 0) {
                toldDuringReads.merge(row.id(), row, (told, newer) -> newer.isOlderThan(told) ? told : newer);
            }
            if (!seeded) {
                seenInEvents.add(row.id());
            }
            JobStatus before = row.phase().isTerminal() ? livePhases.remove(row.id())
                    : livePhases.put(row.id(), row.phase());
            if (before != null && !before.isTerminal() && row.phase().isTerminal()) {
                finished.add(row);
            }
            JobItem item = rows.itemOf(row.id());
            // An engine event knows no group; the row keeps the one its page read gave it, and a member ending
            // re-reads the pages so the head's "12 / 25" follows.
            JobRow grouped = item == null || item.row() == null ? null : item.row();
            if (grouped != null && grouped.group() != null && row.group() == null) {
                row = row.withGroup(grouped.group());
            }
            structural |= before != null && !before.isTerminal() && row.phase().isTerminal()
                    && (item == null || row.group() != null);
            if (item != null) {
                JobRow old = item.row();
                if (old == null || !row.isOlderThan(old)) {
                    item.set(row);
                }
                boolean leaves = !row.matches(spec);
                boolean reorders = old != null && movesWith(spec, old.phase(), row.phase());
                structural |= leaves || reorders;
            } else {
                boolean added = row.matches(spec) && row.id() > newestIdAtReset && insertedSinceReset.add(row.id());
                // Not on a loaded page, yet a new state can bring it into, or take it out of, a filtered list (the
                // count and the pages shift) or move it within a list sorted by state (onto a loaded page).
                structural |= added || movesWith(spec, before, row.phase());
            }
            detailsChanged |= row.id() == focusedId;
        }
        if (structural || listMayBeOff) {
            refresh(false);
        }
        updateReasons();
        if (detailsChanged) {
            loadDetails();
        }
        if (!finished.isEmpty()) {
            Consumer<List<JobRow>> notify = onJobsFinished.get();
            if (notify != null) {
                notify.accept(finished);
            }
            if (focused.get() == null) {
                showRecentOutputs();
            }
        }
    }

    /**
     * Re-reads the row count and the pages on screen. A new query ({@code newQuery}) starts from the top; a live
     * refresh keeps the loaded pages and reports new jobs at the head as insertions.
     */
    private void refresh(boolean newQuery) {
        if (refreshRunning) {
            refreshAgain = true;
            return;
        }
        refreshRunning = true;
        JobQuery spec = query.get();
        List<Integer> pages = newQuery ? List.of(0) : mostRecent(rows.loadedPages(), 3);
        int oldSize = rows.size();
        if (newQuery) {
            loading.set(true);
        }
        readsOut++;
        background.submit(() -> readSnapshot(spec, pages)).onSuccess(snapshot -> {
            if (snapshot.spec().equals(query.get())) {
                // Shown, and read again at once and then on each event until a read agrees with itself (not in a
                // loop of its own, should a backend never agree).
                refreshAgain |= !snapshot.consistent() && !listMayBeOff;
                listMayBeOff = !snapshot.consistent();
                long newest = snapshot.pages().values().stream().flatMap(List::stream).mapToLong(JobRow::id)
                        .max().orElse(newestIdAtReset);
                int addedAtTop = !newQuery && isNewestFirst(snapshot.spec()) ? snapshot.count() - oldSize : 0;
                newestIdAtReset = Math.max(newestIdAtReset, newest);
                insertedSinceReset.clear();
                shownQuery = snapshot.spec();
                rows.reset(snapshot.count(), newest(snapshot.pages()), addedAtTop);
                matchedJobs.set(snapshot.jobs());
                shownCount.set(snapshot.count());
                if (addedAtTop <= 0 || snapshot.count() != oldSize + addedAtTop) {
                    Runnable restore = onRowsReset.get();
                    if (restore != null) {
                        restore.run();
                    }
                }
            } else {
                refreshAgain = true;
            }
        }).onError(error -> say("Could not read the job history: " + error)).onFinally(() -> {
            refreshRunning = false;
            loading.set(false);
            readDone();
            if (refreshAgain) {
                refreshAgain = false;
                refresh(!query.get().equals(spec));
            }
        });
    }

    /** Whether a job going from {@code before} (null: unknown) to {@code now} can enter, leave or move in the list. */
    private static boolean movesWith(JobQuery spec, JobStatus before, JobStatus now) {
        boolean orderFollowsState = switch (spec.sort()) {
            case STATUS, DURATION, REQUEST_ID, UPDATED -> true;
            case CREATED, PROMPT, DEPLOYMENT -> false;
        };
        return before != now && (!spec.statuses().isEmpty() || orderFollowsState);
    }

    private static boolean isNewestFirst(JobQuery spec) {
        return spec.sort() == JobQuery.Sort.CREATED && spec.descending();
    }

    private static List<Integer> mostRecent(List<Integer> pagesInAccessOrder, int limit) {
        int from = Math.max(0, pagesInAccessOrder.size() - limit);
        List<Integer> recent = new ArrayList<>(pagesInAccessOrder.subList(from, pagesInAccessOrder.size()));
        if (!recent.contains(0)) {
            recent.add(0);
        }
        return recent;
    }

    /**
     * The count and the pages on screen as one picture. They are separate store reads: a job stored (or leaving a
     * filter) between them makes the pages disagree with the count, and the list would cut a row off its end or keep
     * a slot that never fills, until some later change. The pages' lengths and a second count tell; the read is
     * repeated, and a snapshot still inconsistent after that is shown and read once more.
     */
    private Snapshot readSnapshot(JobQuery spec, List<Integer> pages) {
        Snapshot snapshot = null;
        for (int attempt = 0; attempt < SNAPSHOT_READS && (snapshot == null || !snapshot.consistent()); attempt++) {
            int count = backend.count(spec);
            Map<Integer, List<JobRow>> loaded = new LinkedHashMap<>();
            boolean consistent = true;
            for (int page : pages) {
                int offset = page * LazyJobList.PAGE_SIZE;
                if (offset < count) {
                    List<JobRow> read = backend.page(spec, offset, LazyJobList.PAGE_SIZE);
                    consistent &= read.size() == Math.min(LazyJobList.PAGE_SIZE, count - offset);
                    loaded.put(page, read);
                }
            }
            snapshot = new Snapshot(spec, count, count, loaded, consistent && backend.count(spec) == count);
        }
        // Folded sweeps: the jobs behind the rows, for the count the toolbar shows (one more count read).
        return spec.groups() == null ? snapshot : snapshot.withJobs(backend.count(spec.withGroups(null)));
    }

    /** {@code count} rows (folded sweeps one each) standing for {@code jobs} jobs. */
    private record Snapshot(JobQuery spec, int count, int jobs, Map<Integer, List<JobRow>> pages,
                            boolean consistent) {
        Snapshot withJobs(int all) {
            return new Snapshot(spec, count, Math.max(count, all), pages, consistent);
        }
    }

    private void loadPage(long generation, int page, int offset, int limit) {
        JobQuery spec = shownQuery;
        readsOut++;
        background.submit(() -> backend.page(spec, offset, limit))
                .onSuccess(loaded -> {
                    JobItem selected = focused.get();
                    boolean selectedWhileLoading = selected != null && selected.row() == null;
                    rows.pageLoaded(generation, page, newest(loaded));
                    // Rows clicked before their page arrived: the actions and the details follow them now.
                    updateReasons();
                    if (selectedWhileLoading && selected.row() != null) {
                        loadDetails();
                    }
                })
                .onError(error -> say("Could not read the job history: " + error))
                .onFinally(this::readDone);
    }

    private void readDone() {
        if (--readsOut == 0) {
            toldDuringReads.clear();
        }
    }

    /** Rows a read brought back, each replaced by what an event told meanwhile unless the read saw a later change. */
    private List<JobRow> newest(List<JobRow> read) {
        if (toldDuringReads.isEmpty()) {
            return read;
        }
        return read.stream().map(row -> {
            JobRow told = toldDuringReads.get(row.id());
            // Equal times go to the event: a later change stored in the same millisecond is told after it anyway.
            // The group is the read's: an event knows none (see JobRow.readOver).
            return told != null && !told.isOlderThan(row) ? told.withGroup(row.group()) : row;
        }).toList();
    }

    private Map<Integer, List<JobRow>> newest(Map<Integer, List<JobRow>> pages) {
        Map<Integer, List<JobRow>> newest = new LinkedHashMap<>();
        pages.forEach((page, read) -> newest.put(page, newest(read)));
        return newest;
    }

    /**
     * Running and queued totals for the status bar, from the engine's snapshot of unfinished jobs: the one the quit
     * warning counts, so the two cannot disagree. It changes before the event that changed it is told, and reaches
     * here through the same bridge, never from a count query (which could read the store before a status change
     * landed and then stay stale while nothing else happened).
     */
    private void showCounts(UnfinishedSnapshot unfinished) {
        runningCount.set(unfinished.running());
        queuedCount.set(unfinished.queued());
    }

    /**
     * Unfinished jobs from before this session (or before the listener) join {@link #livePhases} once, unless an
     * event came first: their finish is then noticed (a notification, a sweep head re-read) like any other.
     */
    private void seedLivePhases() {
        JobQuery unfinished = JobQuery.all().withStatuses(EnumSet.of(JobStatus.RUNNING,
                JobStatus.DOWNLOADING, JobStatus.QUEUED, JobStatus.SUBMITTING));
        background.submit(() -> backend.page(unfinished, 0, MAX_SEEDED_JOBS))
                .onSuccess(found -> {
                    for (JobRow row : found) {
                        if (!seenInEvents.contains(row.id())) {
                            livePhases.putIfAbsent(row.id(), row.phase());
                        }
                    }
                    seenInEvents.clear();
                    seeded = true;
                })
                .onError(error -> say("Could not read the job history: " + error));
    }
}
