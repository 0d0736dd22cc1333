package app.comfydesk.ui.sweep;

import app.comfydesk.files.AtomicFiles;
import app.comfydesk.ui.workflow.PresetStore;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.Workflow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saved sweeps per workflow, like presets: {@code <config>/sweeps/<fingerprint>.json} as {@code {name: definition}}
 * ({@code Sweep.definition()} plus the seed policy and the in-flight limit), keyed by the workflow's shape so a
 * saved sweep follows the workflow when the file moves. Blocking; call it off the FX thread.
 */
public final class SweepDefinitions {

    /** Largest file of saved sweeps read back. */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private final Path folder;

    public SweepDefinitions(Path configFolder) {
        this.folder = configFolder.resolve("sweeps");
    }

    public List<String> names(Workflow workflow) throws IOException {
        List<String> names = new ArrayList<>();
        read(workflow).fieldNames().forEachRemaining(names::add);
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    /** The saved definition, or null when there is none of that name. */
    public JsonNode get(Workflow workflow, String name) throws IOException {
        JsonNode saved = read(workflow).get(name);
        return saved != null && saved.isObject() ? saved : null;
    }

    public void save(Workflow workflow, String name, ObjectNode definition) throws IOException {
        ObjectNode all = read(workflow);
        all.set(name, definition.deepCopy());
        AtomicFiles.write(file(workflow), ExactJson.writePretty(all).getBytes(StandardCharsets.UTF_8));
    }

    private Path file(Workflow workflow) {
        return folder.resolve(PresetStore.fingerprint(workflow) + ".json");
    }

    private ObjectNode read(Workflow workflow) throws IOException {
        Path file = file(workflow);
        if (!Files.exists(file)) {
            return ExactJson.NODES.objectNode();
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + " is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB, the most saved "
                    + "sweeps are read from; move it away");
        }
        JsonNode node = ExactJson.parse(Files.readAllBytes(file));
        return node instanceof ObjectNode object ? object : ExactJson.NODES.objectNode();
    }
}
