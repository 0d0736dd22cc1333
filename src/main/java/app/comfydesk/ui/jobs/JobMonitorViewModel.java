package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.RatingFilter;
import app.comfydesk.jobs.UnfinishedSnapshot;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.FxBatcher;
import app.comfydesk.ui.common.FxThread;
import app.comfydesk.ui.gallery.GalleryViewModel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * State of the job monitor, as the view and the app see it. The work is done by its parts: {@link JobListModel}
 * (the lazily loaded table rows, filter and sort, live reconciliation), {@link JobSelectionModel} (the selection,
 * its details and the gallery hand-off), {@link JobActionsModel} (the actions and why each cannot run) and
 * {@link StatusCounts} (the status bar's figures). Engine events reach them through one coalescing
 * {@link FxBatcher}, owned here: a burst of events for 1,000 jobs costs one FX hop and repaints only the rows on
 * screen. Holds no nodes.
 */
public final class JobMonitorViewModel {

    /** How many recent outputs the gallery shows when no job is selected. */
    public static final int RECENT_OUTPUTS = JobSelectionModel.RECENT_OUTPUTS;

    private final JobMonitorBackend backend;
    private final BackgroundExecutor background;
    private final ObjectProperty<Function<String, String>> currentWorkflowVersion =
            new SimpleObjectProperty<>(this, "currentWorkflowVersion");
    private final ObjectProperty<InstanceActions> instanceActions =
            new SimpleObjectProperty<>(this, "instanceActions");
    private final Clock clock;
    private final FxBatcher<Object> events;
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(this, "now");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObjectProperty<Consumer<List<JobRow>>> onJobsFinished =
            new SimpleObjectProperty<>(this, "onJobsFinished");
    private final ObjectProperty<Runnable> onRowsReset = new SimpleObjectProperty<>(this, "onRowsReset");

    private final JobListModel list;
    private final JobSelectionModel selection;
    private final JobActionsModel actions;
    private final StatusCounts statusCounts = new StatusCounts();
    private final JobGroupActions groups;

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
        this.clock = clock;
        this.now.set(clock.instant());
        // Newest snapshot per job, the latest connection state and unfinished jobs win; action outcomes are all kept.
        this.events = FxBatcher.on(fxThread, event -> event instanceof JobRow row ? (Object) row.id()
                : event instanceof ConnectionStatus ? "connection"
                : event instanceof UnfinishedSnapshot ? "unfinished" : event, this::apply);
        this.list = new JobListModel(backend, background, this::say, onRowsReset);
        this.groups = new JobGroupActions(backend, background, list.queryProperty(), this::say);
        this.selection = new JobSelectionModel(backend, background, gallery, this::say, this::updateReasons);
        this.actions = new JobActionsModel(backend, background, gallery, selection, this::say, events::post);
        list.pageLandingThrough(selection::landPage);
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
        statusCounts.show(backend.unfinished());
        list.start();
        selection.showRecentOutputs();
    }

    /** One batch from the bridge: the newest snapshot per job, connection changes, unfinished jobs, outcomes. */
    private void apply(List<Object> batch) {
        List<JobRow> jobs = new ArrayList<>();
        for (Object event : batch) {
            if (event instanceof ConnectionStatus status) {
                statusCounts.connectionChanged(status);
            } else if (event instanceof UnfinishedSnapshot unfinished) {
                statusCounts.show(unfinished);
            } else if (event instanceof Runnable outcome) {
                outcome.run();
            } else {
                jobs.add((JobRow) event);
            }
        }
        JobListModel.Applied applied = list.apply(jobs, selection.focusedId());
        updateReasons();
        if (applied.focusedChanged()) {
            selection.loadDetails();
        }
        if (!applied.finished().isEmpty()) {
            Consumer<List<JobRow>> notify = onJobsFinished.get();
            if (notify != null) {
                notify.accept(applied.finished());
            }
            if (selection.focusedProperty().get() == null) {
                selection.showRecentOutputs();
            }
        }
    }

    private void updateReasons() {
        actions.updateReasons();
    }

    // ---- table ----

    /** The table's sweep groups: expand, fold, cancel as a whole. */
    public JobGroupActions groups() {
        return groups;
    }

    /** The table's items: as many as the query matches, loaded page by page as they scroll into view. */
    public ObservableList<JobItem> rows() {
        return list.rows();
    }

    public ObjectProperty<JobQuery> queryProperty() {
        return list.queryProperty();
    }

    public ObjectProperty<StatusFilter> statusFilterProperty() {
        return list.statusFilterProperty();
    }

    /** Jobs with at least one output of these stars or marks (the same rule as the gallery's filter). */
    public ObjectProperty<RatingFilter> ratingFilterProperty() {
        return list.ratingFilterProperty();
    }

    /** Text filter; applied by {@link #applySearch()} (the view debounces typing). */
    public StringProperty searchTextProperty() {
        return list.searchTextProperty();
    }

    public void applySearch() {
        list.applySearch();
    }

    public void sortBy(JobQuery.Sort column, boolean descending) {
        list.sortBy(column, descending);
    }

    public ReadOnlyIntegerProperty shownCountProperty() {
        return list.shownCountProperty();
    }

    /** How many jobs the rows stand for: more than the rows when a sweep is folded into one (its 9 jobs, 1 row). */
    public ReadOnlyIntegerProperty matchedJobsProperty() {
        return list.matchedJobsProperty();
    }

    /** True while the first page of a new query is on its way. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return list.loadingProperty();
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
        return list.indexOfLoaded(jobId);
    }

    // ---- selection and details ----

    /** The selected rows; the view keeps it in step with the table's selection. */
    public ObservableList<JobItem> selection() {
        return selection.selection();
    }

    public ReadOnlyObjectProperty<JobItem> focusedProperty() {
        return selection.focusedProperty();
    }

    public ReadOnlyObjectProperty<JobDetails> detailsProperty() {
        return selection.detailsProperty();
    }

    /** Shows the newest outputs across all jobs in the gallery. */
    public void showRecentOutputs() {
        selection.showRecentOutputs();
    }

    // ---- status bar ----

    public ReadOnlyIntegerProperty runningCountProperty() {
        return statusCounts.runningCountProperty();
    }

    public ReadOnlyIntegerProperty queuedCountProperty() {
        return statusCounts.queuedCountProperty();
    }

    /** Null until the engine reports; offline drives the banner. */
    public ReadOnlyObjectProperty<ConnectionStatus> connectionProperty() {
        return statusCounts.connectionProperty();
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

    void say(String text) {
        // Cleared first so that the same words said again still reach the status bar's listener.
        message.set("");
        message.set(text == null ? "" : text);
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
    public ObjectProperty<Function<String, String>> currentWorkflowVersionProperty() {
        return currentWorkflowVersion;
    }

    /** The executor the details' own actions report through. */
    BackgroundExecutor background() {
        return background;
    }

    // ---- actions ----

    /** Called with a job's details when the user asks to load its edits into the form; the studio sets it. */
    public ObjectProperty<Consumer<JobDetails>> onLoadEditsProperty() {
        return actions.onLoadEditsProperty();
    }

    /** What "Use this seed" does with a job's seed (the studio puts it into the form, fixed). */
    public ObjectProperty<Consumer<String>> onUseSeedProperty() {
        return actions.onUseSeedProperty();
    }

    public List<JobRow> selectedRows() {
        return selection.selectedRows();
    }

    public boolean canCancelSelection() {
        return whyNot(JobAction.CANCEL) == null;
    }

    /** {@link #canCancelSelection()} as a property: it follows the selected jobs' states, not only the selection. */
    public ReadOnlyBooleanProperty selectionCancellableProperty() {
        return actions.selectionCancellableProperty();
    }

    /** Cancels every selected job that is queued or running. */
    public void cancelSelected() {
        actions.cancelSelected();
    }

    /** Purges remote assets of the selected finished jobs; running ones are skipped with the reason. */
    public void deleteRemoteSelected() {
        actions.deleteRemoteSelected();
    }

    /** Submits the selected jobs again with the same edits. */
    public void rerunSelected() {
        actions.rerunSelected();
    }

    /**
     * Why {@code action} cannot run now, as the toolbar shows it: null when it can. Follows the selection, the
     * selected jobs' states (events change them in place) and the focused job's details.
     */
    public ReadOnlyStringProperty whyNotProperty(JobAction action) {
        return actions.whyNotProperty(action);
    }

    /** Why {@code action} cannot run now, worked out afresh; null when it can (see {@link JobActionsModel}). */
    public String whyNot(JobAction action) {
        return actions.whyNot(action);
    }

    /** "Use this seed": the focused job's seed goes back into the form, its mode fixed. */
    public void useSeedInForm() {
        actions.useSeedInForm();
    }

    /** Hands the focused job's edits to the form (reading them first when the details have not loaded yet). */
    public void loadEditsIntoForm() {
        actions.loadEditsIntoForm();
    }

    /** Opens the focused job's output folder. */
    public void openOutputFolder() {
        actions.openOutputFolder();
    }

    /** Request ids of the selection, one per line (for the clipboard). */
    public String selectedRequestIds() {
        return actions.selectedRequestIds();
    }

    /** The focused job's error as text: readable summary, then the traceback, then the raw JSON. */
    public String focusedErrorText() {
        return actions.focusedErrorText();
    }
}
