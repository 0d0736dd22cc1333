package app.comfydesk.ui.workflow;

import app.comfydesk.files.AtomicFiles;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.workflow.SeedMode;
import app.comfydesk.workflow.Seeds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;

/**
 * Keeps the form's edits and the batch size per workflow across restarts, as an editor keeps unsaved work: every
 * change is written (coalesced, off the FX thread) to {@code <config>/session-edits/<key>.json}, and a workflow
 * opened afresh gets its kept edits back, and so do its seed modes (fixed / random / +1) where they differ from the
 * input's default. The key is the workflow's file (or, for a sample, its name), so two files
 * of the same shape keep their own edits. Only the FX thread calls the public methods.
 */
public final class SessionEdits {

    private static final ObjectMapper JSON = JsonValues.MAPPER;

    private final Path folder;
    private final WorkflowFormModel form;
    private final SubmitModel submit;
    private final BackgroundExecutor executor;
    /** The document whose kept edits have been read: changes are written only for it, never before its restore. */
    private WorkflowDocument ready;
    private Snapshot pending;
    private boolean writing;

    private record Snapshot(Path file, String workflow, ObjectNode overrides, int batch, ObjectNode seedModes) {
        boolean empty() {
            return overrides.isEmpty() && batch == 1 && seedModes.isEmpty();
        }
    }

    public SessionEdits(Path configFolder, WorkflowFormModel form, SubmitModel submit, BackgroundExecutor executor) {
        this.folder = configFolder.resolve("session-edits");
        this.form = form;
        this.submit = submit;
        this.executor = executor;
        InvalidationListener changed = obs -> changed();
        form.editProperty().addListener(changed);
        submit.batchProperty().addListener(changed);
        // Each new form has new seed fields: their mode is part of what is kept.
        form.documentProperty().addListener((obs, old, now) -> form.seedModes().keySet().forEach(ref ->
                form.field(ref).ifPresent(field -> field.seedModeProperty().addListener(changed))));
    }

    /**
     * A workflow was put in the form. Opened afresh ({@code restore}), its kept edits are read and applied, and
     * {@code restored} told what came back ("2 edits from your last session restored"), only if something did;
     * reopened with the edits in hand, it is just followed.
     */
    public void shown(WorkflowDocument document, boolean restore, Consumer<String> restored) {
        ready = null;
        if (!restore) {
            ready = document;
            changed();
            return;
        }
        Path file = fileOf(document);
        executor.submit(() -> read(file)).onSuccess(kept -> {
            if (form.getDocument() != document) {
                return;
            }
            ready = document;
            if (kept != null && form.changedCountProperty().get() == 0) {
                int before = form.changedCountProperty().get();
                int batchBefore = submit.batchProperty().get();
                form.apply(PresetStore.values(kept.path("overrides")));
                int batch = kept.path("batch").asInt(1);
                if (batch >= 1) {
                    submit.batchProperty().set(batch);
                }
                int seedModes = restoreSeedModes(kept.path("seedModes"));
                new RestoredNote(form.changedCountProperty().get() - before,
                        submit.batchProperty().get() != batchBefore ? submit.batchProperty().get() : 0, seedModes)
                        .text().ifPresent(restored);
            }
            changed();
        }).onError(error -> ready = document);
    }

    /** The user chose to discard the current workflow's edits: they are not kept either. */
    public void discard(WorkflowDocument document) {
        if (ready == document) {
            ready = null;
        }
        schedule(new Snapshot(fileOf(document), document.displayName(), JSON.createObjectNode(), 1,
                JSON.createObjectNode()));
    }

    /** For the quit question: what is kept for next time, or null when there is nothing. */
    public String keptNote() {
        WorkflowDocument document = form.getDocument();
        int changed = form.changedCountProperty().get();
        if (document == null || changed == 0) {
            return null;
        }
        return changed == 1 ? "Your 1 edit to " + document.displayName() + " is kept and comes back when you next "
                + "open it." : "Your " + changed + " edits to " + document.displayName()
                + " are kept and come back when you next open it.";
    }

    private void changed() {
        WorkflowDocument document = form.getDocument();
        if (document == null || document != ready || form.getEdit() == null) {
            return;
        }
        schedule(new Snapshot(fileOf(document), document.displayName(), form.getEdit().overrides(),
                submit.batchProperty().get(), changedSeedModes()));
    }

    /** {"3.seed": "FIXED"}: the seed modes the user chose that differ from what the input starts in. */
    private ObjectNode changedSeedModes() {
        ObjectNode modes = JSON.createObjectNode();
        form.seedModes().forEach((ref, mode) -> form.field(ref).ifPresent(field -> {
            if (mode != null && mode != Seeds.defaultMode(field.descriptor().spec())) {
                modes.put(ref.nodeId() + "." + ref.key(), mode.name());
            }
        }));
        return modes;
    }

    /** Sets the kept seed modes; returns how many fields' modes it changed. */
    private int restoreSeedModes(JsonNode kept) {
        int[] changed = {0};
        form.seedModes().keySet().forEach(ref -> {
            String mode = kept.path(ref.nodeId() + "." + ref.key()).asText("");
            for (SeedMode known : SeedMode.values()) {
                if (known.name().equals(mode)) {
                    form.field(ref).filter(field -> field.seedModeProperty().get() != known).ifPresent(field -> {
                        field.seedModeProperty().set(known);
                        changed[0]++;
                    });
                }
            }
        });
        return changed[0];
    }

    /** One write at a time; changes made meanwhile collapse into the newest. */
    private void schedule(Snapshot snapshot) {
        pending = snapshot;
        if (writing) {
            return;
        }
        Snapshot next = pending;
        pending = null;
        writing = true;
        executor.submit(() -> {
            write(next);
            return null;
        }).onFinally(() -> {
            writing = false;
            if (pending != null) {
                schedule(pending);
            }
        });
    }

    private static void write(Snapshot snapshot) throws IOException {
        if (snapshot.empty()) {
            Files.deleteIfExists(snapshot.file());
            return;
        }
        ObjectNode kept = JSON.createObjectNode();
        kept.put("workflow", snapshot.workflow());
        kept.set("overrides", snapshot.overrides());
        kept.put("batch", snapshot.batch());
        if (!snapshot.seedModes().isEmpty()) {
            kept.set("seedModes", snapshot.seedModes());
        }
        AtomicFiles.write(snapshot.file(), JSON.writeValueAsBytes(kept));
    }

    private static JsonNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode node = JSON.readTree(file.toFile());
        return node != null && node.path("overrides").isObject() ? node : null;
    }

    private Path fileOf(WorkflowDocument document) {
        String key = document.source() != null
                ? "file:" + document.source().toAbsolutePath().normalize()
                : "name:" + document.displayName();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest, 0, 12) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
