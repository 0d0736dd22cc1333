package app.comfydesk.ui.sweep;

import app.comfydesk.ui.workflow.NamedEntriesFile;
import app.comfydesk.ui.workflow.PresetStore;
import app.comfydesk.workflow.Workflow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
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
        return NamedEntriesFile.names(read(workflow));
    }

    /** The saved definition, or null when there is none of that name. */
    public JsonNode get(Workflow workflow, String name) throws IOException {
        JsonNode saved = read(workflow).get(name);
        return saved != null && saved.isObject() ? saved : null;
    }

    public void save(Workflow workflow, String name, ObjectNode definition) throws IOException {
        ObjectNode all = read(workflow);
        all.set(name, definition.deepCopy());
        file(workflow).write(all);
    }

    private NamedEntriesFile file(Workflow workflow) {
        return new NamedEntriesFile(folder.resolve(PresetStore.fingerprint(workflow) + ".json"), MAX_FILE_BYTES,
                "saved sweeps");
    }

    private ObjectNode read(Workflow workflow) throws IOException {
        return file(workflow).read();
    }
}
