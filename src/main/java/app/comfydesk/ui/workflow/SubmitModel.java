package app.comfydesk.ui.workflow;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.CurlCommand;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobSubmission;
import app.comfydesk.jobs.SubmissionFactory;
import app.comfydesk.jobs.JobTarget;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.UserFacingError;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.workflow.OverridesBaseline;
import app.comfydesk.workflow.SeedMode;
import app.comfydesk.workflow.Seeds;
import app.comfydesk.workflow.WorkflowEdit;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableStringValue;

/**
 * Generate: the mode, the batch size, why submitting is blocked (in words), the exact request for the preview, and
 * the submission itself — in the background, one job per run, seeds stepped per run by their modes.
 *
 * <p>Random seeds are drawn from a generator seeded per batch, so the preview of run 1 is exactly what run 1 sends;
 * a new batch gets new randomness.
 */
public final class SubmitModel {

    public static final int MAX_BATCH = 100;
    private static final SecureRandom SALTS = new SecureRandom();

    private final WorkflowFormModel form;
    private final ProfilesViewModel profiles;
    private final BackgroundExecutor executor;
    private final ObjectProperty<SubmitMode> mode = new SimpleObjectProperty<>(this, "mode", SubmitMode.OVERRIDES);
    private final IntegerProperty batch = new SimpleIntegerProperty(this, "batch", 1);
    private final ObjectProperty<JobSubmitter> submitter = new SimpleObjectProperty<>(this, "submitter");
    private final ReadOnlyBooleanWrapper submitting = new ReadOnlyBooleanWrapper(this, "submitting");
    private final StringBinding blockedReason;
    private final DeploymentBaseline baseline;
    private final StringBinding overridesMismatch;
    private final ObjectProperty<java.util.function.Consumer<app.comfydesk.api.RunComfyErrorCode>> onRunComfyError =
            new SimpleObjectProperty<>(this, "onRunComfyError");
    private long salt = SALTS.nextLong();
    /** The last step of every run's edit: dynamic prompts become the text sent (see {@link PromptExpansion}). */
    private PromptExpansion expansion = PromptExpansion.withoutWildcards();
    private final javafx.beans.property.ReadOnlyStringWrapper identicalBatch =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "identicalBatch");

    public SubmitModel(WorkflowFormModel form, ProfilesViewModel profiles, BackgroundExecutor executor,
            DeploymentBaseline baseline) {
        this.form = form;
        this.profiles = profiles;
        this.executor = executor;
        this.baseline = baseline;
        overridesMismatch = Bindings.createStringBinding(this::computeOverridesMismatch, mode,
                form.documentProperty(), baseline.stateProperty());
        blockedReason = Bindings.createStringBinding(this::computeBlockedReason, form.documentProperty(),
                form.errorsProperty(), profiles.activeProperty(), profiles.activeProblemProperty(), submitter,
                overridesMismatch);
        profiles.activeProperty().addListener((obs, old, now) -> followBaseline());
        followBaseline();
        batch.addListener((obs, old, now) -> refreshIdenticalBatch());
        form.documentProperty().addListener((obs, old, now) -> {
            form.seedModes().keySet().forEach(ref -> form.field(ref).ifPresent(field -> field.seedModeProperty()
                    .addListener((o, was, is) -> refreshIdenticalBatch())));
            refreshIdenticalBatch();
        });
    }

    /**
     * A hint, not a block: with a batch and every seed fixed, all jobs would make the same image. Null otherwise
     * (also when the workflow has no seed, where nothing is known either way).
     */
    public ReadOnlyStringProperty identicalBatchProperty() {
        return identicalBatch.getReadOnlyProperty();
    }

    private void refreshIdenticalBatch() {
        var modes = form.seedModes();
        int runs = batch.get();
        identicalBatch.set(runs > 1 && !modes.isEmpty() && modes.values().stream().allMatch(m -> m == SeedMode.FIXED)
                ? "Every seed is fixed, so the " + runs + " jobs will make identical images. Set a seed to random "
                        + "or +1/run to get " + runs + " different ones."
                : null);
    }

    /**
     * After a batch went out, "+1 per run" seeds move past it, so pressing Generate again continues the sequence
     * instead of repeating the seeds just used.
     */
    void advanceIncrementingSeeds(int runs) {
        java.util.Map<app.comfydesk.workflow.InputRef, SeedMode> incrementing = new java.util.LinkedHashMap<>();
        form.seedModes().forEach((ref, m) -> incrementing.put(ref, m == SeedMode.INCREMENT ? m : SeedMode.FIXED));
        if (!incrementing.containsValue(SeedMode.INCREMENT) || form.getEdit() == null) {
            return;
        }
        WorkflowEdit next = Seeds.apply(form.getEdit(), incrementing, runs, new SplittableRandom(0));
        incrementing.forEach((ref, m) -> {
            if (m == SeedMode.INCREMENT) {
                form.field(ref).ifPresent(field -> field.valueProperty().set(next.value(ref)));
            }
        });
    }

    /** The stored workflow Overrides are measured against, followed from the active profile. */
    public DeploymentBaseline baseline() {
        return baseline;
    }

    private void followBaseline() {
        Profile profile = profiles.getActive();
        baseline.follow(profile, profile == null ? null : profiles.token(profile).orElse(null));
    }

    /**
     * Why this form cannot go as Overrides to the active deployment: the nodes and inputs its stored workflow
     * lacks, by name; null when it can (or in Full workflow mode, or while the stored workflow is unknown).
     */
    public ObservableStringValue overridesMismatchProperty() {
        return overridesMismatch;
    }

    private String computeOverridesMismatch() {
        WorkflowDocument document = form.getDocument();
        if (mode.get() != SubmitMode.OVERRIDES || document == null
                || !(baseline.getState() instanceof DeploymentBaseline.Known known)) {
            return null;
        }
        List<String> problems = baseline.problemsOf(document.workflow());
        if (problems.isEmpty()) {
            return null;
        }
        List<String> shown = problems.subList(0, Math.min(4, problems.size()));
        return "Deployment " + known.label() + "'s stored workflow " + String.join("; ", shown)
                + (problems.size() > shown.size() ? "; and " + (problems.size() - shown.size()) + " more" : "")
                + ". Overrides can only change inputs it has: send " + document.displayName()
                + " as Full workflow instead.";
    }

    public ObjectProperty<SubmitMode> modeProperty() {
        return mode;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    /** Set by the composition root once the job engine runs; Generate waits for it. */
    public ObjectProperty<JobSubmitter> submitterProperty() {
        return submitter;
    }

    public ReadOnlyBooleanProperty submittingProperty() {
        return submitting.getReadOnlyProperty();
    }

    /** Why Generate is disabled, as a sentence; null when it can submit. */
    public ObservableStringValue blockedReasonProperty() {
        return blockedReason;
    }

    public String getBlockedReason() {
        return blockedReason.get();
    }

    private String computeBlockedReason() {
        if (form.getDocument() == null) {
            return "Open a workflow first (Ctrl+O).";
        }
        String profileProblem = profiles.activeProblemProperty().get();
        if (profileProblem != null) {
            return profileProblem;
        }
        if (submitter.get() == null) {
            return "The job engine is still starting…";
        }
        String mismatch = overridesMismatch.get();
        if (mismatch != null) {
            return mismatch;
        }
        List<String> errors = form.errorsProperty().get();
        if (!errors.isEmpty()) {
            StringBuilder summary = new StringBuilder(errors.size() == 1 ? "Fix 1 problem first: "
                    : "Fix " + errors.size() + " problems first: ");
            summary.append(String.join("; ", errors.subList(0, Math.min(3, errors.size()))));
            if (errors.size() > 3) {
                summary.append("; and ").append(errors.size() - 3).append(" more");
            }
            return summary.toString();
        }
        return null;
    }

    /** The expansion step (its {@code wildcards()} serve the sweep editor's combinatorial axis too). */
    public PromptExpansion promptExpansion() {
        return expansion;
    }

    /** Where dynamic prompts find their wildcards (the composition root sets the settings' folder). */
    public void setPromptExpansion(PromptExpansion newExpansion) {
        expansion = java.util.Objects.requireNonNull(newExpansion);
    }

    /** The edit as run {@code run} (0-based) of the next batch sends it: seeds stepped, then prompts expanded. */
    WorkflowEdit editForRun(int run) {
        var modes = form.seedModes();
        WorkflowEdit edit = form.getEdit();
        if (!modes.values().stream().allMatch(m -> m == SeedMode.FIXED)) {
            edit = Seeds.apply(edit, modes, run, new SplittableRandom(salt + 0x9E3779B97F4A7C15L * run));
        }
        return expansion.expand(edit);
    }

    /** The request of run {@code run}, secrets included (for sending only). */
    SubmitRequest requestForRun(int run) {
        return requestFor(editForRun(run));
    }

    /**
     * The jobs of a sweep: a function from an edit (the form's edit with a cell's values and seeds) to its submission,
     * assembled as Generate assembles its own (mode, baseline, webhook, Comfy Org key, active profile). Call on the
     * FX thread; the function holds what it read and may run on any thread. Throws IllegalArgumentException when the
     * profile's endpoint is not usable.
     */
    public java.util.function.Function<WorkflowEdit, JobSubmission> sweepSubmissions() {
        return factory(true)::submission;
    }

    /**
     * This moment's request assembly (active profile, mode, stored workflow, webhook, Comfy Org key), read on the FX
     * thread. {@code withTarget}: also the job target and folders, which throws IllegalArgumentException when the
     * profile's endpoint is not usable (a preview needs no target).
     */
    private SubmissionFactory factory(boolean withTarget) {
        Profile profile = profiles.getActive();
        Optional<String> key = profile == null ? Optional.empty() : profiles.comfyOrgKey(profile);
        SubmissionFactory.Sending sending = new SubmissionFactory.Sending(mode.get() == SubmitMode.FULL,
                measuredAgainst(), measuredVersion(), knownBaseline(), profile == null ? null : profile.webhookUrl(),
                profile != null && profile.webhookIntermediate(), key.orElse(null));
        List<app.comfydesk.workflow.FieldDescriptor> prompts = form.prompts().stream().map(FieldModel::descriptor)
                .toList();
        if (!withTarget) {
            return new SubmissionFactory(null, sending, null, null, prompts);
        }
        return new SubmissionFactory(JobTarget.of(profile.endpoint(), profile.id()), sending,
                form.getDocument().displayName(), Path.of(profile.outputFolder()), prompts);
    }

    /** The deployment's stored workflow when known (overrides are measured against it), else null (the file). */
    private OverridesBaseline measuredAgainst() {
        return baseline.getState() instanceof DeploymentBaseline.Known known ? known.baseline() : null;
    }

    private SubmitRequest requestFor(WorkflowEdit edit) {
        return factory(false).request(edit);
    }

    /** The exact JSON body of run 1 with secrets redacted, pretty-printed; or why there is none. */
    public String previewJson() {
        if (form.getDocument() == null) {
            return "// Open a workflow to see the request it sends.";
        }
        try {
            return JsonValues.pretty(requestForRun(0).toRedactedJson());
        } catch (RuntimeException e) {
            return "// The request cannot be built: " + e.getMessage();
        }
    }

    /** The stored workflow's version the Overrides are measured against (null in Full mode or when unknown). */
    private String measuredVersion() {
        return mode.get() == SubmitMode.OVERRIDES && baseline.getState() instanceof DeploymentBaseline.Known known
                ? known.version() : null;
    }

    /** What the preview's body was measured against, in words. */
    public String previewBaseline() {
        if (mode.get() == SubmitMode.FULL) {
            return "Full workflow: the whole graph is sent; the deployment's stored workflow is not used.";
        }
        DeploymentBaseline.State state = baseline.getState();
        if (state instanceof DeploymentBaseline.Known known) {
            return "Overrides measured against deployment " + known.label() + "'s stored workflow (with its "
                    + "default overrides): every input whose value differs from it.";
        }
        return "Overrides: " + state.describe() + " (only the inputs you changed are sent).";
    }

    /** "Copy as curl" for run 1: the token is {@code $RUNCOMFY_TOKEN}, other secrets redacted. */
    public String curl() {
        Profile profile = profiles.getActive();
        if (profile == null || form.getDocument() == null) {
            return "";
        }
        try {
            ApiEndpoint endpoint = profile.endpoint();
            return CurlCommand.of(endpoint, requestForRun(0));
        } catch (IllegalArgumentException e) {
            return "# " + e.getMessage();
        }
    }

    /** The outcome of one Generate: jobs accepted, failures in words, and the API errors behind them. */
    public record Outcome(List<Job> accepted, List<String> failures, List<app.comfydesk.api.ApiException> errors) {
        public Outcome {
            // Copies that keep what the submitter answered, as it answered (a stand-in submitter may answer null).
            accepted = java.util.Collections.unmodifiableList(new ArrayList<>(accepted));
            failures = List.copyOf(failures);
            errors = List.copyOf(errors);
        }
    }

    /** Told of each RunComfy error code a submit got (10001: funds), on the FX thread. */
    public ObjectProperty<java.util.function.Consumer<app.comfydesk.api.RunComfyErrorCode>> onRunComfyErrorProperty() {
        return onRunComfyError;
    }

    /**
     * Submits the batch. The engine records each job at once (the job list shows it as submitting); the callbacks
     * run on the FX thread when the server has answered every run.
     */
    public void submit(java.util.function.Consumer<Outcome> onDone,
            java.util.function.Consumer<UserFacingError> onError) {
        String blocked = getBlockedReason();
        if (blocked != null) {
            onError.accept(UserFacingError.of(blocked));
            return;
        }
        JobSubmitter target = submitter.get();
        int runs = Math.max(1, Math.min(MAX_BATCH, batch.get()));
        List<JobSubmission> submissions = new ArrayList<>();
        try {
            SubmissionFactory factory = factory(true);
            for (int run = 0; run < runs; run++) {
                submissions.add(factory.submission(editForRun(run)));
            }
        } catch (IllegalArgumentException | app.comfydesk.workflow.variations.VariationException e) {
            onError.accept(UserFacingError.of(e.getMessage()));
            return;
        }
        salt = SALTS.nextLong();
        submitting.set(true);
        List<CompletableFuture<Job>> futures = submissions.stream().map(target::submit).toList();
        // Gathered when the last run is answered: no pool thread sits in join() for the length of a batch.
        CompletableFuture<Outcome> gathered = BatchOutcome.gather(futures);
        executor.follow(gathered).onSuccess(outcome -> {
            if (!outcome.accepted().isEmpty()) {
                advanceIncrementingSeeds(runs);
            }
            outcome.errors().forEach(this::placeError);
            onDone.accept(outcome);
        }).onError(onError).onFinally(() -> submitting.set(false));
    }

    /** Puts a RunComfy error where it belongs (see {@link RunComfyErrorPlacement}). */
    void placeError(app.comfydesk.api.ApiException error) {
        RunComfyErrorPlacement.place(error, form, baseline, onRunComfyError.get());
    }

    private boolean knownBaseline() {
        return mode.get() == SubmitMode.FULL || baseline.getState() instanceof DeploymentBaseline.Known;
    }

    /** For tests: a fixed salt makes random seeds repeatable. */
    void setSalt(long value) {
        salt = value;
    }

}
