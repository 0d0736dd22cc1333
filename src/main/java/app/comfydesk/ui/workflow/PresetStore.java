package app.comfydesk.ui.workflow;

import app.comfydesk.workflow.Workflow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Named sets of edits per workflow, in {@code <config>/presets/<fingerprint>.json} as {@code {name: overrides}}.
 * The fingerprint is the workflow's shape (node ids and class types), so a preset follows the workflow when the
 * file is renamed, moved, or reloaded with other values. The deployment's workflow version each preset was saved
 * against sits beside it in {@code <fingerprint>.versions.json} ({@code {name: version}}; a preset name may be any
 * text, so no key inside the presets file is safe for it). Blocking; call it off the FX thread.
 */
public final class PresetStore {

    /** Largest file of presets (or of their versions) read back. */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private final Path folder;

    public PresetStore(Path configFolder) {
        this.folder = configFolder.resolve("presets");
    }

    public List<String> names(Workflow workflow) throws IOException {
        return NamedEntriesFile.names(read(workflow));
    }

    /** The preset's overrides ({@code {"<id>": {"inputs": {...}}}}), or null when there is no such preset. */
    public JsonNode get(Workflow workflow, String name) throws IOException {
        JsonNode preset = read(workflow).get(name);
        return preset == null || !preset.isObject() ? null : preset;
    }

    public void save(Workflow workflow, String name, ObjectNode overrides) throws IOException {
        save(workflow, name, overrides, null);
    }

    /** {@code workflowVersion}: the deployment's stored workflow version the edits were made against, or null. */
    public void save(Workflow workflow, String name, ObjectNode overrides, String workflowVersion) throws IOException {
        ObjectNode all = read(workflow);
        all.set(name, overrides.deepCopy());
        write(workflow, all);
        ObjectNode versions = versionsFile(workflow).read();
        if (workflowVersion == null ? versions.remove(name) != null : !workflowVersion.equals(
                versions.path(name).asText(null))) {
            if (workflowVersion != null) {
                versions.put(name, workflowVersion);
            }
            versionsFile(workflow).write(versions);
        }
    }

    /** The deployment's workflow version the preset was saved against, or null when not known. */
    public String workflowVersion(Workflow workflow, String name) throws IOException {
        JsonNode version = versionsFile(workflow).read().get(name);
        return version != null && version.isTextual() ? version.asText() : null;
    }

    public boolean delete(Workflow workflow, String name) throws IOException {
        ObjectNode all = read(workflow);
        if (all.remove(name) == null) {
            return false;
        }
        write(workflow, all);
        return true;
    }

    /** Overrides as input values by address, for {@link WorkflowFormModel#apply}. */
    static Map<app.comfydesk.workflow.InputRef, JsonNode> values(JsonNode overrides) {
        Map<app.comfydesk.workflow.InputRef, JsonNode> values = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> nodes = overrides.fields(); nodes.hasNext(); ) {
            Map.Entry<String, JsonNode> node = nodes.next();
            for (Iterator<Map.Entry<String, JsonNode>> inputs = node.getValue().path("inputs").fields();
                    inputs.hasNext(); ) {
                Map.Entry<String, JsonNode> input = inputs.next();
                values.put(new app.comfydesk.workflow.InputRef(node.getKey(), input.getKey()), input.getValue());
            }
        }
        return values;
    }

    public static String fingerprint(Workflow workflow) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            workflow.nodes().stream().map(node -> node.id() + "\u0000" + node.classType())
                    .sorted().forEach(line -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private NamedEntriesFile file(Workflow workflow) {
        return new NamedEntriesFile(folder.resolve(fingerprint(workflow) + ".json"), MAX_FILE_BYTES, "presets");
    }

    private NamedEntriesFile versionsFile(Workflow workflow) {
        return new NamedEntriesFile(folder.resolve(fingerprint(workflow) + ".versions.json"), MAX_FILE_BYTES,
                "preset versions");
    }

    private ObjectNode read(Workflow workflow) throws IOException {
        return file(workflow).read();
    }

    private void write(Workflow workflow, ObjectNode all) throws IOException {
        file(workflow).write(all);
    }
}
