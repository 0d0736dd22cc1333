package app.comfydesk.ui.workflow;

import app.comfydesk.files.AtomicFiles;
import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON object of named entries in a file ({@code {name: value}}), read exactly and only up to a size, written
 * atomically: what presets and saved sweeps keep per workflow. Blocking; call it off the FX thread.
 */
public final class NamedEntriesFile {

    private final Path file;
    private final long maxBytes;
    private final String what;

    /** @param what the entries in words, for the size message ("presets", "saved sweeps") */
    public NamedEntriesFile(Path file, long maxBytes, String what) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.what = what;
    }

    /** The entries, or an empty object when the file does not exist or holds something else than an object. */
    public ObjectNode read() throws IOException {
        if (!Files.exists(file)) {
            return ExactJson.NODES.objectNode();
        }
        if (Files.size(file) > maxBytes) {
            throw new IOException(file + " is larger than " + maxBytes / (1024 * 1024) + " MB, the most " + what
                    + " are read from; move it away");
        }
        JsonNode node = ExactJson.parse(Files.readAllBytes(file));
        return node instanceof ObjectNode object ? object : ExactJson.NODES.objectNode();
    }

    public void write(ObjectNode entries) throws IOException {
        AtomicFiles.write(file, ExactJson.writePretty(entries).getBytes(StandardCharsets.UTF_8));
    }

    /** The entries' names, sorted as a person reads them (ignoring case). */
    public static List<String> names(ObjectNode entries) {
        List<String> names = new ArrayList<>();
        entries.fieldNames().forEachRemaining(names::add);
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }
}
