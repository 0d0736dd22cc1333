package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.MessageBar;
import app.comfydesk.ui.common.UserFacingError;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.ui.settings.SettingsService;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.NodeSchemas;
import app.comfydesk.workflow.Workflow;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The studio's document state, without a Node: what replaces the shown document (open, reload, samples, any
 * loader), the node schemas it is described with, the edits kept per workflow across restarts and which deployment
 * a local file last ran on. Every file read runs through the background executor; a failed load leaves the current
 * form as it was and says why through the {@link StudioFeedback}. The presets are its {@link #presets()} part.
 */
public final class StudioSession {

    private final WorkflowFormModel form;
    private final ProfilesViewModel profiles;
    private final SettingsService settings;
    private final BackgroundExecutor executor;
    private final SandboxGraphs sandboxGraphs = new SandboxGraphs();
    private final WorkflowLoader loader;
    private final StudioFeedback feedback;
    private final StudioPresets presets;
    private final ReadOnlyObjectWrapper<NodeSchemas> schemas = new ReadOnlyObjectWrapper<>(this, "schemas");
    private Path schemaFile;
    // One ticket line for everything that replaces the shown document, one for the schemas: only the newest applies.
    private final LatestLoad documentLoads = new LatestLoad();
    private final LatestLoad schemaLoads = new LatestLoad();
    private Predicate<UnsavedEdits> discardConfirmation = edits -> false;
    private final DeploymentRunNotes runNotes;
    private SessionEdits session;

    StudioSession(WorkflowFormModel form, SubmitModel submit, ProfilesViewModel profiles, SettingsService settings,
            BackgroundExecutor executor, WorkflowLoader loader, PresetStore presetStore, StudioFeedback feedback) {
        this.form = form;
        this.profiles = profiles;
        this.settings = settings;
        this.executor = executor;
        this.loader = loader;
        this.feedback = feedback;
        this.runNotes = new DeploymentRunNotes(form, submit, profiles, feedback);
        this.presets = new StudioPresets(form, executor, presetStore, feedback, this);
        profiles.activeProperty().addListener((obs, old, now) -> {
            loadProfileSchemas(now);
            followSandboxGraph();
        });
        form.documentProperty().addListener((obs, old, now) -> followSandboxGraph());
        learnSandboxGraphs();
        loadProfileSchemas(profiles.getActive());
    }

    public StudioPresets presets() {
        return presets;
    }

    public ReadOnlyObjectProperty<NodeSchemas> schemasProperty() {
        return schemas.getReadOnlyProperty();
    }

    /** The folder of the newest recent file that still exists: where the open dialog starts. */
    Optional<File> lastFolder() {
        return settings.current().recentFiles().stream().map(Path::of).map(Path::getParent)
                .filter(p -> p != null && Files.isDirectory(p)).map(Path::toFile).findFirst();
    }

    // ---- loading -----------------------------------------------------------------------------------------------

    /** Opens a workflow, or an object_info.json (then the current workflow is described again with it). */
    public void open(Path file) {
        NodeSchemas current = schemas.get();
        feedback.status("Opening " + file.getFileName() + "…");
        // Either kind of file may come back; it is only known after reading, so it holds a ticket on both lines.
        LatestLoad.Ticket document = documentLoads.start();
        LatestLoad.Ticket schema = schemaLoads.start();
        executor.submit(() -> loader.open(file, current))
                .onSuccess(opened -> {
                    if (opened instanceof WorkflowLoader.OpenedWorkflow workflow) {
                        if (document.isLatest() && replaceDocument(workflow.document(), current)) {
                            settings.update(s -> s.withRecentFile(file.toAbsolutePath().toString()));
                        }
                    } else if (opened instanceof WorkflowLoader.OpenedSchemas loaded && schema.isLatest()) {
                        useSchemas(loaded.file(), loaded.schemas());
                    }
                })
                .onError(error -> {
                    if (document.isLatest()) {
                        loadFailed(file.getFileName().toString(), error);
                    }
                });
    }

    /** Re-reads the current file and re-applies the edits that still fit. */
    public void reload() {
        WorkflowDocument document = form.getDocument();
        if (document == null || document.source() == null) {
            return;
        }
        Map<InputRef, JsonNode> edits = form.getEdit().changes();
        NodeSchemas current = schemas.get();
        feedback.status("Reloading " + document.displayName() + "…");
        LatestLoad.Ticket ticket = documentLoads.start();
        executor.submit(() -> loader.load(document.source(), current))
                .onSuccess(loaded -> {
                    if (ticket.isLatest()) {
                        show(loaded, edits);
                        describeAgainIfSchemasChanged(current);
                    }
                })
                .onError(error -> ifLatest(ticket, () -> loadFailed(document.displayName(), error)));
    }

    /**
     * Loads a sandbox sample; a restart reopens it. On the sandbox profile the jobs go to the sample's own
     * deployment, so the overrides match the graph the sandbox runs.
     */
    public void loadSample(SandboxSample sample) {
        NodeSchemas current = schemas.get();
        LatestLoad.Ticket ticket = documentLoads.start();
        executor.submit(() -> loader.loadResource(sample.resource(), sample.fileName(), current))
                .onSuccess(document -> {
                    if (ticket.isLatest() && replaceDocument(document, current)) {
                        settings.update(s -> s.withLastWorkflow(sample.marker()));
                        if (profiles.getActive() != null && profiles.getActive().sandbox()) {
                            profiles.retargetSandbox(sample.deploymentId());
                        }
                    }
                })
                .onError(error -> ifLatest(ticket, () -> loadFailed("the sandbox sample", error)));
    }

    /** Loads anything that yields a document (tests, the sandbox sample, a job's workflow). */
    public void load(Callable<WorkflowDocument> work, String what) {
        LatestLoad.Ticket ticket = documentLoads.start();
        NodeSchemas current = schemas.get();
        executor.submit(work)
                .onSuccess(document -> ifLatest(ticket, () -> replaceDocument(document, current)))
                .onError(error -> ifLatest(ticket, () -> loadFailed(what, error)));
    }

    private static void ifLatest(LatestLoad.Ticket ticket, Runnable apply) {
        if (ticket.isLatest()) {
            apply.run();
        }
    }

    /** A document described with schemas that were replaced while it loaded is described again with the new ones. */
    private void describeAgainIfSchemasChanged(NodeSchemas describedWith) {
        if (schemas.get() != describedWith) {
            redescribe();
        }
    }

    private boolean replaceDocument(WorkflowDocument document, NodeSchemas describedWith) {
        boolean shown = replaceDocument(document);
        if (shown) {
            describeAgainIfSchemasChanged(describedWith);
        }
        return shown;
    }

    /**
     * Shows a newly opened workflow in place of the current one without silently dropping edits: reopening the
     * same workflow keeps them; another one asks first while the form has changes.
     *
     * @return whether the new document is now shown
     */
    private boolean replaceDocument(WorkflowDocument document) {
        WorkflowDocument current = form.getDocument();
        int changed = form.changedCountProperty().get();
        if (current == null || changed == 0) {
            show(document, null);
            return true;
        }
        if (sameWorkflow(current, document)) {
            show(document, form.getEdit().changes());
            feedback.status(document.displayName() + " reopened; your " + changed + " edit(s) were kept");
            return true;
        }
        if (!discardConfirmation.test(new UnsavedEdits(current.displayName(), changed, document.displayName()))) {
            feedback.status("Kept editing " + current.displayName() + "; " + document.displayName()
                    + " was not opened");
            return false;
        }
        if (session != null) {
            session.discard(current);
        }
        show(document, null);
        return true;
    }

    static boolean sameWorkflow(WorkflowDocument a, WorkflowDocument b) {
        if (a.source() != null || b.source() != null) {
            return a.source() != null && b.source() != null
                    && a.source().toAbsolutePath().normalize().equals(b.source().toAbsolutePath().normalize());
        }
        return a.displayName().equals(b.displayName());
    }

    /**
     * Who answers "discard your edits?" (opening another workflow, applying a preset over unsaved edits): the
     * studio's dialog, or a test; true = discard the edits.
     */
    public void setDiscardConfirmation(Predicate<UnsavedEdits> confirmation) {
        this.discardConfirmation = confirmation;
    }

    boolean confirmDiscard(UnsavedEdits edits) {
        return discardConfirmation.test(edits);
    }

    private void show(WorkflowDocument document, Map<InputRef, JsonNode> edits) {
        show(document, edits, false);
    }

    /** @param quiet keep the message bar as it is (a re-description after new schemas is not news) */
    private void show(WorkflowDocument document, Map<InputRef, JsonNode> edits, boolean quiet) {
        form.load(document);
        int skipped = edits == null || edits.isEmpty() ? 0 : form.apply(edits);
        if (!document.warnings().isEmpty()) {
            feedback.show(MessageBar.Kind.WARNING, document.displayName() + " loaded with warnings",
                    String.join(" ", document.warnings().subList(0, Math.min(3, document.warnings().size())))
                            + (document.warnings().size() > 3
                                    ? " (+" + (document.warnings().size() - 3) + " more)" : ""));
        } else if (skipped > 0) {
            feedback.show(MessageBar.Kind.WARNING, "Reloaded", skipped + " edit(s) no longer match an input and "
                    + "were dropped.");
        } else if (!quiet) {
            feedback.clearMessage();
        }
        feedback.status(document.displayName() + " · " + document.workflow().nodes().size() + " nodes"
                + (schemaFile == null ? "" : " · schema " + schemaFile.getFileName())
                + runNotes.lastRunNote(document));
        if (session != null) {
            session.shown(document, edits == null && !quiet, restored -> feedback.status(
                    document.displayName() + " · " + restored));
        }
    }

    private void loadFailed(String what, UserFacingError error) {
        feedback.status("");
        String kept = form.getDocument() == null ? "" : " The current form is unchanged.";
        feedback.show(MessageBar.Kind.ERROR, "Could not open " + what, error.message() + kept);
    }

    // ---- session edits and the deployment a file last ran on ---------------------------------------------------

    /** Keeps the edits per workflow across restarts (see {@link SessionEdits}); set once by the window. */
    public void keepSessionEdits(SessionEdits keeper) {
        this.session = keeper;
    }

    /** What the quit question should add about kept edits, or null. */
    public String sessionNote() {
        return session == null ? null : session.keptNote();
    }

    /** Remembers which deployment each local file was last run on (see {@link FileDeployments}); set once. */
    public void rememberDeploymentsIn(FileDeployments memory) {
        runNotes.rememberIn(memory);
    }

    DeploymentRunNotes runNotes() {
        return runNotes;
    }

    // ---- object_info.json --------------------------------------------------------------------------------------

    /** Reads a chosen object_info.json; the widgets follow it and the profile remembers it. */
    public void loadSchemas(Path file) {
        LatestLoad.Ticket ticket = schemaLoads.start();
        executor.submit(() -> loader.loadSchemas(file))
                .onSuccess(loaded -> ifLatest(ticket, () -> useSchemas(file, loaded)))
                .onError(error -> ifLatest(ticket, () -> loadFailed(file.getFileName().toString(), error)));
    }

    private void useSchemas(Path file, NodeSchemas loaded) {
        schemaFile = file;
        schemas.set(loaded);
        profiles.rememberObjectInfo(file.toAbsolutePath().toString());
        feedback.show(MessageBar.Kind.SUCCESS, "Schemas loaded", loaded.size() + " node types from "
                + file.getFileName() + "; widgets now follow them." + (profiles.getActive() != null
                && !profiles.getActive().sandbox() ? " Remembered for this profile." : ""));
        redescribe();
    }

    /** Widgets follow schemas read from a live instance (not remembered: the next profile change reloads its own). */
    public void useLiveSchemas(NodeSchemas loaded, String from) {
        LatestLoad.Ticket ticket = schemaLoads.start();
        if (!ticket.isLatest()) {
            return;
        }
        schemaFile = null;
        schemas.set(loaded);
        feedback.show(MessageBar.Kind.SUCCESS, "Schemas refreshed", loaded.size() + " node types from "
                + from + "; widgets now follow them.");
        redescribe();
    }

    private void loadProfileSchemas(Profile profile) {
        String path = profile == null ? null : profile.objectInfoPath();
        LatestLoad.Ticket ticket = schemaLoads.start();
        if (path == null) {
            if (schemas.get() != null && schemaFile != null) {
                schemaFile = null;
                schemas.set(null);
                redescribe();
            }
            return;
        }
        if (schemaFile != null && schemaFile.toString().equals(path)) {
            return;
        }
        executor.submit(() -> loader.loadSchemas(Path.of(path)))
                .onSuccess(loaded -> {
                    if (!ticket.isLatest()) {
                        return;
                    }
                    schemaFile = Path.of(path);
                    schemas.set(loaded);
                    redescribe();
                })
                .onError(error -> ifLatest(ticket, () -> feedback.show(MessageBar.Kind.WARNING,
                        "The profile's object_info.json could not be read", error.message()
                                + " Widgets are inferred from the values instead.")));
    }

    /** Reads the samples' graphs (the sandbox's deployments), so the studio can tell which one a workflow is. */
    private void learnSandboxGraphs() {
        executor.submit(() -> {
            Map<String, Workflow> graphs = new LinkedHashMap<>();
            for (SandboxSample sample : SandboxSample.values()) {
                graphs.put(sample.deploymentId(),
                        loader.loadResource(sample.resource(), sample.fileName(), null).workflow());
            }
            return graphs;
        }).onSuccess(graphs -> {
            graphs.forEach(sandboxGraphs::know);
            followSandboxGraph();
        });
    }

    /**
     * On the sandbox, jobs go to the deployment that runs the shown graph when there is one: switching to the
     * sandbox with the image-edit sample (or a copy of it) open must not send its edits to the text-to-image graph.
     */
    private void followSandboxGraph() {
        Profile active = profiles.getActive();
        WorkflowDocument document = form.getDocument();
        // A deployment's own document already says which deployment it is (two may store the same graph).
        if (active != null && active.sandbox() && document != null && document.deployment() == null) {
            sandboxGraphs.deploymentFor(document).ifPresent(profiles::retargetSandbox);
        }
    }

    private void redescribe() {
        WorkflowDocument document = form.getDocument();
        if (document == null) {
            return;
        }
        Map<InputRef, JsonNode> edits = form.getEdit().changes();
        NodeSchemas current = schemas.get();
        // Does not start a ticket of its own (a workflow still being opened stays the newest load; it is described
        // again when it lands), but applies only while no newer load started and the schemas are still these.
        LatestLoad.Ticket ticket = documentLoads.current();
        executor.submit(() -> loader.redescribe(document, current)).onSuccess(doc -> {
            if (ticket.isLatest() && form.getDocument() == document && schemas.get() == current) {
                show(doc, edits, true);
            }
        });
    }
}
