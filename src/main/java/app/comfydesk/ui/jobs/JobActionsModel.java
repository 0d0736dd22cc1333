package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobStatus;
import app.comfydesk.ui.common.ActionReasons;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.gallery.GalleryViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What can be done with the selected jobs (cancel, delete remote assets, re-run, load edits, use the seed, open the
 * folder, copy ids and errors), and why each cannot run now. The reasons follow the selection, the selected jobs'
 * states and the focused job's details; {@link JobMonitorViewModel} refreshes them after each batch of events.
 * Outcomes of calls on many jobs come back through the monitor's one bridge. Holds no nodes.
 */
final class JobActionsModel {

    private final JobMonitorBackend backend;
    private final BackgroundExecutor background;
    private final GalleryViewModel gallery;
    private final JobSelectionModel selection;
    private final Consumer<String> say;
    /** The monitor's bridge to the FX thread: where the summed-up outcome of a call on many jobs is said. */
    private final Consumer<Runnable> onFxThread;
    private final ObjectProperty<Consumer<JobDetails>> onLoadEdits = new SimpleObjectProperty<>(this, "onLoadEdits");
    private final ObjectProperty<Consumer<String>> onUseSeed = new SimpleObjectProperty<>(this, "onUseSeed");
    private final ReadOnlyBooleanWrapper selectionCancellable =
            new ReadOnlyBooleanWrapper(this, "selectionCancellable");
    private final ActionReasons<JobAction> reasons = new ActionReasons<>(JobAction.class, this::whyNot);

    JobActionsModel(JobMonitorBackend backend, BackgroundExecutor background, GalleryViewModel gallery,
                    JobSelectionModel selection, Consumer<String> say, Consumer<Runnable> onFxThread) {
        this.backend = backend;
        this.background = background;
        this.gallery = gallery;
        this.selection = selection;
        this.say = say;
        this.onFxThread = onFxThread;
        selection.detailsProperty().addListener(obs -> updateReasons());
        onLoadEdits.addListener(obs -> updateReasons());
        updateReasons();
    }

    ObjectProperty<Consumer<JobDetails>> onLoadEditsProperty() {
        return onLoadEdits;
    }

    ObjectProperty<Consumer<String>> onUseSeedProperty() {
        return onUseSeed;
    }

    ReadOnlyBooleanProperty selectionCancellableProperty() {
        return selectionCancellable.getReadOnlyProperty();
    }

    ReadOnlyStringProperty whyNotProperty(JobAction action) {
        return reasons.property(action);
    }

    /** Cancels every selected job that is queued or running. */
    void cancelSelected() {
        if (sayWhyNot(JobAction.CANCEL)) {
            return;
        }
        List<JobRow> cancellable = selection.selectedRows().stream().filter(row -> row.phase().isCancellable())
                .toList();
        runForEach(cancellable, row -> backend.cancel(row.id()), "Cancel", "");
    }

    /** Purges remote assets of the selected finished jobs; running ones are skipped with the reason. */
    void deleteRemoteSelected() {
        List<JobRow> selected = selection.selectedRows();
        List<JobRow> terminal = selected.stream().filter(row -> row.phase().isTerminal()).toList();
        int skipped = selected.size() - terminal.size();
        if (selected.isEmpty()) {
            sayWhyNot(JobAction.DELETE_REMOTE);
            return;
        }
        if (terminal.isEmpty()) {
            say.accept("Remote assets can be deleted only for finished jobs: cancel a queued or running job first, "
                    + "then delete (the server answers 409 Conflict otherwise).");
            return;
        }
        String note = skipped == 0 ? "" : " " + skipped + " unfinished job" + (skipped == 1 ? " was" : "s were")
                + " skipped: cancel first, then delete.";
        runForEach(terminal, row -> backend.deleteRemote(row.id()), "Delete remote assets", note);
    }

    /** Submits the selected jobs again with the same edits. */
    void rerunSelected() {
        if (sayWhyNot(JobAction.RERUN)) {
            return;
        }
        runForEach(selection.selectedRows(), row -> backend.rerun(row.id()).thenApply(id -> "Submitted as job #" + id),
                "Re-run", "");
    }

    /**
     * Why {@code action} cannot run now, worked out afresh; null when it can. One short sentence without a period
     * ("Select a job first"). Load edits and open folder are decided from the focused row, so a right-click (which
     * selects the row before its details have loaded) already gets the right answer.
     */
    String whyNot(JobAction action) {
        List<JobRow> rows = selection.selectedRows();
        JobItem item = selection.focusedProperty().get();
        JobRow row = item == null ? null : item.row();
        boolean aboutTheFocused = action == JobAction.LOAD_EDITS || action == JobAction.OPEN_FOLDER
                || action == JobAction.COPY_ERROR || action == JobAction.USE_SEED;
        if (rows.isEmpty() || aboutTheFocused && row == null) {
            return "Select a job first";
        }
        JobDetails current = selection.detailsProperty().get();
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
            say.accept(reason + ".");
        }
        return reason != null;
    }

    /** Works every reason out again (the selection, a selected job's state or the details changed). */
    void updateReasons() {
        reasons.update();
        selectionCancellable.set(reasons.property(JobAction.CANCEL).get() == null);
    }

    private Path outputFolderOf(JobRow row) {
        JobDetails current = selection.detailsProperty().get();
        if (current != null && current.row().id() == row.id() && current.outputFolder() != null) {
            return current.outputFolder();
        }
        return row.firstOutput() == null ? null : row.firstOutput().getParent();
    }

    /** "Use this seed": the focused job's seed goes back into the form, its mode fixed. */
    void useSeedInForm() {
        if (sayWhyNot(JobAction.USE_SEED)) {
            return;
        }
        JobRow row = selection.focusedProperty().get().row();
        onUseSeed.get().accept(row.seed());
    }

    /** Hands the focused job's edits to the form (reading them first when the details have not loaded yet). */
    void loadEditsIntoForm() {
        if (sayWhyNot(JobAction.LOAD_EDITS)) {
            return;
        }
        JobDetails current = selection.detailsProperty().get();
        long id = selection.focusedProperty().get().id();
        if (current != null && current.row().id() == id) {
            loadEdits(current);
            return;
        }
        background.submit(() -> backend.details(id).orElse(null))
                .onSuccess(loaded -> {
                    if (loaded == null) {
                        say.accept("Job #" + id + " is no longer in the history.");
                    } else {
                        loadEdits(loaded);
                    }
                })
                .onError(error -> say.accept("Could not load job #" + id + ": " + error));
    }

    private void loadEdits(JobDetails job) {
        Consumer<JobDetails> target = onLoadEdits.get();
        if (job.editsJson() == null) {
            say.accept("Job #" + job.row().id() + " was submitted without edits.");
        } else if (target != null) {
            target.accept(job);
            say.accept("Loaded the edits of job #" + job.row().id() + " into the form.");
        }
    }

    /** Opens the focused job's output folder. */
    void openOutputFolder() {
        if (sayWhyNot(JobAction.OPEN_FOLDER)) {
            return;
        }
        gallery.actions().showInFolder(outputFolderOf(selection.focusedProperty().get().row()), say::accept);
    }

    /** Request ids of the selection, one per line (for the clipboard). */
    String selectedRequestIds() {
        return selection.selectedRows().stream().map(JobRow::requestId).filter(java.util.Objects::nonNull)
                .collect(Collectors.joining("\n"));
    }

    /** The focused job's error as text: readable summary, then the traceback, then the raw JSON. */
    String focusedErrorText() {
        JobDetails current = selection.detailsProperty().get();
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
                onFxThread.accept(() -> {
                    StringBuilder text = new StringBuilder();
                    if (failures.isEmpty()) {
                        text.append(targets.size() == 1 ? successes.get(0) : verb + ": done for "
                                + targets.size() + " jobs.");
                    } else {
                        text.append(verb).append(" failed for ").append(failures.size()).append(" of ")
                                .append(targets.size()).append(" — ").append(String.join("; ", failures));
                    }
                    say.accept(text.append(note).toString());
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
}
