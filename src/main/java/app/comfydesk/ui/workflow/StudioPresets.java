package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.MessageBar;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.WorkflowEdit;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The shown workflow's presets (named sets of edits, in the {@link PresetStore}): their names, save, apply and
 * delete, and loading any overrides (a job's) into the form. Part of the {@link StudioSession}; holds no Node.
 */
public final class StudioPresets {

    private final WorkflowFormModel form;
    private final BackgroundExecutor executor;
    private final PresetStore store;
    private final StudioFeedback feedback;
    private final StudioSession session;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyNames = FXCollections.unmodifiableObservableList(names);
    /** The edits last saved as or loaded from a preset: applying another preset over them loses nothing. */
    private Map<InputRef, JsonNode> keptEdits = Map.of();

    StudioPresets(WorkflowFormModel form, BackgroundExecutor executor, PresetStore store, StudioFeedback feedback,
            StudioSession session) {
        this.form = form;
        this.executor = executor;
        this.store = store;
        this.feedback = feedback;
        this.session = session;
        form.documentProperty().addListener((obs, old, now) -> {
            keptEdits = Map.of();
            refresh();
        });
    }

    /** The shown workflow's preset names, as the store last listed them. */
    public ObservableList<String> names() {
        return readOnlyNames;
    }

    /** Whether the form has edits that a preset could keep. */
    boolean canSave() {
        return form.changedCountProperty().get() > 0;
    }

    private void refresh() {
        WorkflowDocument document = form.getDocument();
        if (document == null) {
            names.clear();
            return;
        }
        executor.submit(() -> store.names(document.workflow())).onSuccess(names::setAll)
                .onError(error -> feedback.show(MessageBar.Kind.WARNING, "Presets unavailable", error.message()));
    }

    public void save(String name) {
        WorkflowDocument document = form.getDocument();
        WorkflowEdit edit = form.getEdit();
        if (document == null || edit == null) {
            return;
        }
        var overrides = edit.overrides();
        var changes = edit.changes();
        String version = session.runNotes().activeKnownVersion();
        executor.submit(() -> {
            store.save(document.workflow(), name, overrides, version);
            return store.names(document.workflow());
        }).onSuccess(listed -> {
            keptEdits = changes;
            names.setAll(listed);
            feedback.status("Preset \"" + name + "\" saved");
        }).onError(error -> feedback.show(MessageBar.Kind.ERROR, "Preset not saved", error.message()));
    }

    public void apply(String name) {
        WorkflowDocument document = form.getDocument();
        if (document == null) {
            return;
        }
        // Edits that are not in a preset would be lost: ask first, as opening another workflow does.
        int changed = form.changedCountProperty().get();
        if (changed > 0 && !form.getEdit().changes().equals(keptEdits) && !session.confirmDiscard(
                new UnsavedEdits(document.displayName(), changed, "preset \"" + name + "\"", "Applying"))) {
            feedback.status("Kept your edits; preset \"" + name + "\" was not applied");
            return;
        }
        String now = session.runNotes().activeKnownVersion();
        executor.submit(() -> Map.entry(Optional.ofNullable(store.get(document.workflow(), name)),
                Optional.ofNullable(store.workflowVersion(document.workflow(), name)))).onSuccess(read -> {
            JsonNode overrides = read.getKey().orElse(null);
            String then = read.getValue().orElse(null);
            if (overrides == null) {
                feedback.show(MessageBar.Kind.WARNING, "Preset missing", "\"" + name + "\" no longer exists.");
                refresh();
                return;
            }
            loadEdits(overrides);
            keptEdits = form.getEdit().changes();
            feedback.status("Preset \"" + name + "\" applied");
            session.runNotes().changedSince("Preset \"" + name + "\"", then, now);
        }).onError(error -> feedback.show(MessageBar.Kind.ERROR, "Preset not applied", error.message()));
    }

    public void delete(String name) {
        WorkflowDocument document = form.getDocument();
        if (document == null) {
            return;
        }
        executor.submit(() -> {
            store.delete(document.workflow(), name);
            return store.names(document.workflow());
        }).onSuccess(listed -> {
            names.setAll(listed);
            feedback.status("Preset \"" + name + "\" deleted");
        }).onError(error -> feedback.show(MessageBar.Kind.ERROR, "Preset not deleted", error.message()));
    }

    /**
     * Loads a job's (or any) edits, given as overrides {@code {"<id>": {"inputs": {...}}}}, into the current form:
     * the form is reset first; inputs this workflow lacks are skipped and the count returned.
     */
    public int loadEdits(JsonNode overrides) {
        if (form.getDocument() == null || overrides == null || !overrides.isObject()) {
            return 0;
        }
        form.resetAll();
        int skipped = form.apply(PresetStore.values(overrides));
        feedback.status("Edits loaded" + (skipped == 0 ? "" : "; " + skipped
                + " input(s) not in this workflow were skipped"));
        return skipped;
    }
}
