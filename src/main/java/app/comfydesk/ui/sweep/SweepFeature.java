package app.comfydesk.ui.sweep;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.FxBatcher;
import app.comfydesk.ui.gallery.GalleryViewModel;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.ui.workflow.SubmitModel;
import app.comfydesk.ui.workflow.WorkflowDocument;
import app.comfydesk.ui.workflow.WorkflowFormModel;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.WorkflowEdit;
import app.comfydesk.workflow.variations.Sweep;
import app.comfydesk.workflow.variations.SweepAxis;
import app.comfydesk.workflow.variations.VariationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.AbstractMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Sweeps in the studio: the editor's model, the grid's model and the actions between them (run, cancel as a whole,
 * export the sheet, save and load definitions). Engine events reach the grid through one coalescing
 * {@link FxBatcher}: the newest state per cell, one FX pulse per batch however many jobs change.
 */
public final class SweepFeature {

    private static final SecureRandom SALTS = new SecureRandom();

    private final WorkflowFormModel form;
    private final SubmitModel submit;
    private final ProfilesViewModel profiles;
    private final BackgroundExecutor executor;
    private final SweepJobs jobs;
    private final SweepDefinitions definitions;
    private final SweepEditorModel editor;
    private final SweepGridModel grid;
    private final FxBatcher<Map.Entry<SweepSession, CellUpdate>> bridge;
    private final ReadOnlyObjectWrapper<SweepSession> session = new ReadOnlyObjectWrapper<>(this, "session");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableList<String> savedNames = FXCollections.observableArrayList();
    private int defaultInFlight = SweepEditorModel.DEFAULT_IN_FLIGHT;

    public SweepFeature(WorkflowFormModel form, SubmitModel submit, ProfilesViewModel profiles,
                        BackgroundExecutor executor, SweepJobs jobs, GalleryViewModel gallery, Path configFolder) {
        this(form, submit, profiles, executor, jobs, gallery, configFolder, null);
    }

    /** With {@code fxExecutor} (tests, benchmarks) the grid's batches drain there instead of the FX thread. */
    SweepFeature(WorkflowFormModel form, SubmitModel submit, ProfilesViewModel profiles, BackgroundExecutor executor,
                 SweepJobs jobs, GalleryViewModel gallery, Path configFolder, java.util.concurrent.Executor fxExecutor) {
        this.form = form;
        this.submit = submit;
        this.profiles = profiles;
        this.executor = executor;
        this.jobs = jobs;
        this.definitions = new SweepDefinitions(configFolder);
        this.editor = new SweepEditorModel(form);
        this.grid = new SweepGridModel(gallery);
        Consumer<java.util.List<Map.Entry<SweepSession, CellUpdate>>> drain = batch -> grid.apply(batch.stream()
                .filter(entry -> entry.getKey() == session.get()).map(Map.Entry::getValue).toList());
        // The key is the session and the cell: a late event of an older sweep never lands on the new grid.
        bridge = FxBatcher.on(fxExecutor == null ? app.comfydesk.ui.common.FxThread.executor() : fxExecutor,
                entry -> entry, drain);
        profiles.activeProperty().addListener((obs, old, now) -> refreshEstimate());
        grid.runningProperty().addListener((obs, was, now) -> {
            SweepSession ended = session.get();
            if (was && !now && ended != null) {
                message.set((ended.isCancelled() ? "Sweep cancelled: " : "Sweep finished: ")
                        + grid.progressProperty().get());
                refreshEstimate();
            }
        });
        form.documentProperty().addListener((obs, old, now) -> refreshSavedNames());
    }

    /**
     * Before the window shows: the user's wildcards (for {@code ALL:} and S/R axes) and the in-flight default, the
     * deployment's {@code queue_size} when known, else {@link SweepEditorModel#DEFAULT_IN_FLIGHT}. A limit the
     * user chose is kept: only a value still at the last default follows the deployment.
     */
    public void prepare(app.comfydesk.workflow.variations.Wildcards wildcards, java.util.OptionalInt queueSize) {
        editor.setWildcards(wildcards);
        int wanted = Math.min(SweepEditorModel.MAX_IN_FLIGHT,
                queueSize.isPresent() && queueSize.getAsInt() > 0 ? queueSize.getAsInt()
                        : SweepEditorModel.DEFAULT_IN_FLIGHT);
        if (editor.maxInFlightProperty().get() == defaultInFlight) {
            editor.maxInFlightProperty().set(wanted);
        }
        defaultInFlight = wanted;
    }

    /**
     * "Sweep this input…": {@code field} becomes the next axis (kept when it is on one already). False, with the
     * reason in the message, when three axes are there.
     */
    public boolean sweepInput(app.comfydesk.ui.workflow.FieldModel field) {
        if (editor.axisFor(field.ref()).isPresent()) {
            return true;
        }
        if (editor.addAxis(field).isEmpty()) {
            message.set("A sweep has at most " + Sweep.MAX_AXES + " axes; remove one to sweep " + field.name());
            return false;
        }
        return true;
    }

    /** Reads the active deployment's recent durations for the estimate (in the background). */
    public void refreshEstimate() {
        Profile profile = profiles.getActive();
        if (profile == null || profile.deploymentId() == null) {
            return;
        }
        editor.deploymentProperty().set(profile.deploymentId());
        String deployment = profile.deploymentId();
        executor.submit(() -> jobs.recentDurations(deployment, SweepEstimate.RECENT_RUNS))
                .onSuccess(durations -> editor.recentDurationsProperty().set(durations))
                .onError(error -> message.set("No time estimate: " + error.message()));
    }

    /** Plans the sweep in the background and, when every cell is valid, starts it and shows its grid. */
    public void run() {
        Sweep sweep = editor.sweepProperty().get();
        String blocked = submit.getBlockedReason();
        if (sweep == null) {
            message.set(editor.problemProperty().get());
            return;
        }
        if (blocked != null) {
            message.set("Cannot run the sweep yet: " + blocked);
            return;
        }
        if (session.get() != null && grid.runningProperty().get()) {
            message.set("A sweep is still running; cancel it or wait until it has ended");
            return;
        }
        java.util.function.Function<WorkflowEdit, app.comfydesk.jobs.JobSubmission> submissions;
        try {
            submissions = submit.sweepSubmissions();
        } catch (IllegalArgumentException e) {
            message.set("Cannot run the sweep: " + e.getMessage());
            return;
        }
        WorkflowEdit base = editor.base();
        var modes = editor.seedsProperty().get().modes(form.seedModes());
        long salt = SALTS.nextLong();
        String source = form.getDocument().displayName();
        int inFlight = Math.max(1, Math.min(SweepEditorModel.MAX_IN_FLIGHT, editor.maxInFlightProperty().get()));
        var wildcards = editor.wildcards();
        String groupId = "sweep-" + UUID.randomUUID();
        message.set("Planning " + sweep.jobCount() + " jobs…");
        executor.submit(() -> SweepPlan.plan(groupId, sweep, base, modes, salt, wildcards, submissions, source))
                .onSuccess(plan -> start(plan, inFlight))
                .onError(error -> message.set(error.message()));
    }

    private void start(SweepPlan plan, int inFlight) {
        SweepSession[] self = new SweepSession[1];
        SweepSession started = new SweepSession(plan, jobs, inFlight,
                update -> bridge.post(new AbstractMap.SimpleImmutableEntry<>(self[0], update)));
        self[0] = started;
        session.set(started);
        grid.show(plan);
        message.set(plan.cells().size() + " jobs planned; sending at most " + inFlight + " at once");
        // The end is told by the grid (its last cell ended), not by waiting on the session's future here.
        started.start();
    }

    /** The job table cancelled group {@code groupId}: when it is the running sweep, nothing more of it is sent. */
    public void groupCancelled(String groupId) {
        SweepSession running = session.get();
        if (running != null && running.plan().groupId().equals(groupId) && grid.runningProperty().get()) {
            cancel();
        }
    }

    /** Cancels the running sweep as a whole. */
    public void cancel() {
        SweepSession running = session.get();
        if (running != null && grid.runningProperty().get()) {
            running.cancel();
            message.set("Cancelling the sweep: nothing more is sent, unfinished jobs are asked to stop");
        }
    }

    /** Writes the grid as one PNG with its labels and text chunks (in the background). */
    public void export(Path file, Consumer<Path> onDone) {
        SweepPlan plan = grid.planProperty().get();
        if (plan == null) {
            message.set("Run a sweep first; there is no grid to export");
            return;
        }
        var cells = java.util.List.copyOf(grid.cells());
        executor.submit(() -> SweepExport.write(file, plan, cells)).onSuccess(written -> {
            message.set("Contact sheet saved: " + written);
            onDone.accept(written);
        }).onError(error -> message.set("Could not save the contact sheet: " + error.message()));
    }

    /** Saves the editor's sweep under {@code name} with the workflow (like a preset). */
    public void save(String name) {
        Sweep sweep = editor.sweepProperty().get();
        WorkflowDocument document = form.getDocument();
        if (sweep == null || document == null) {
            message.set(sweep == null ? editor.problemProperty().get() : "Open a workflow first");
            return;
        }
        ObjectNode definition = sweep.definition();
        definition.put("seeds", editor.seedsProperty().get().jsonName());
        definition.put("max_in_flight", editor.maxInFlightProperty().get());
        executor.run(() -> definitions.save(document.workflow(), name, definition)).onSuccess(ignored -> {
            message.set("Sweep saved as \"" + name + "\"");
            refreshSavedNames();
        }).onError(error -> message.set("Could not save the sweep: " + error.message()));
    }

    /** Loads a saved sweep into the editor, its values checked against the form as if typed. */
    public void load(String name) {
        WorkflowDocument document = form.getDocument();
        if (document == null) {
            return;
        }
        executor.submit(() -> definitions.get(document.workflow(), name)).onSuccess(saved -> {
            if (saved == null) {
                message.set("There is no saved sweep \"" + name + "\" for this workflow");
                return;
            }
            try {
                apply(saved);
                message.set("Sweep \"" + name + "\" loaded");
            } catch (VariationException e) {
                message.set("The saved sweep \"" + name + "\" does not fit this workflow: " + e.getMessage());
            }
        }).onError(error -> message.set("Could not read the saved sweep: " + error.message()));
    }

    private void apply(JsonNode saved) {
        Sweep sweep = Sweep.fromDefinition(editor.base(), saved, editor.wildcards());
        editor.axes().clear();
        for (SweepAxis axis : sweep.axes()) {
            editor.addAxis(form.field(axis.ref()).orElseThrow(() -> new VariationException(axis.ref()
                    + " is not an input of the form"))).ifPresent(model -> model.valuesProperty()
                    .set(axis.definition()));
        }
        editor.batchProperty().set(sweep.batch());
        editor.seedsProperty().set(SeedPolicy.fromJson(saved.path("seeds").asText("")));
        if (saved.path("max_in_flight").canConvertToInt()) {
            editor.maxInFlightProperty().set(saved.path("max_in_flight").intValue());
        }
    }

    private void refreshSavedNames() {
        WorkflowDocument document = form.getDocument();
        if (document == null) {
            savedNames.clear();
            return;
        }
        executor.submit(() -> definitions.names(document.workflow())).onSuccess(savedNames::setAll)
                .onError(error -> message.set("Saved sweeps unavailable: " + error.message()));
    }

    /** The definition JSON of the editor's sweep (for tests and the saved file). */
    String definitionJson() {
        Sweep sweep = editor.sweepProperty().get();
        return sweep == null ? null : ExactJson.write(sweep.definition());
    }

    public SweepEditorModel editor() {
        return editor;
    }

    public SweepGridModel grid() {
        return grid;
    }

    public ReadOnlyObjectProperty<SweepSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    /** The last action's outcome in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<String> savedNames() {
        return savedNames;
    }
}
