package app.comfydesk.ui.workflow;

import app.comfydesk.files.AtomicFiles;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.settings.SerialWriter;
import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which deployment each local workflow file was last run on, and that deployment's workflow version then
 * ({@code file-deployments.json} in the config folder: absolute path → {@code {"deployment", "version"}}), so opening
 * the file again can say where it ran and whether the deployment has changed since. Read once in the background; written through
 * the settings' {@link SerialWriter} (in order, whole, atomically). Held on the FX thread.
 */
public final class FileDeployments {

    static final String FILE = "file-deployments.json";
    /** The most files remembered; the least recently run go first. */
    public static final int MAX_ENTRIES = 500;
    /** A larger file is not read (and is replaced by the next write). */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Path file;
    private final SerialWriter writer;
    private final Map<String, LastRun> byFile = new LinkedHashMap<>(16, 0.75f, true);

    /** Where a file was last run: the deployment, and its stored workflow's version then (null when unknown). */
    public record LastRun(String deploymentId, String workflowVersion) { }

    public FileDeployments(Path configFolder, BackgroundExecutor executor) {
        this.file = configFolder.resolve(FILE);
        this.writer = new SerialWriter(executor);
        executor.submit(this::read).onSuccess(read -> read.forEach(byFile::putIfAbsent));
    }

    private Map<String, LastRun> read() throws java.io.IOException {
        Map<String, LastRun> read = new LinkedHashMap<>();
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
            return read;
        }
        JsonNode json = ExactJson.parse(Files.readAllBytes(file));
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (value.isTextual()) {
                read.put(entry.getKey(), new LastRun(value.asText(), null)); // written before versions were kept
            } else if (value.path("deployment").isTextual()) {
                read.put(entry.getKey(), new LastRun(value.path("deployment").asText(),
                        value.path("version").isTextual() ? value.path("version").asText() : null));
            }
        }
        return read;
    }

    /** The deployment {@code source} was last run on, if it was. */
    public Optional<String> lastDeployment(Path source) {
        return lastRun(source).map(LastRun::deploymentId);
    }

    /** Where {@code source} was last run, if it was. */
    public Optional<LastRun> lastRun(Path source) {
        return source == null ? Optional.empty() : Optional.ofNullable(byFile.get(key(source)));
    }

    /** Remembers that {@code source} was just run on {@code deploymentId}. */
    public void remember(Path source, String deploymentId) {
        remember(source, deploymentId, null);
    }

    /** Remembers that {@code source} was just run on {@code deploymentId}, measured against {@code version}. */
    public void remember(Path source, String deploymentId, String version) {
        if (source == null || deploymentId == null || deploymentId.isBlank()) {
            return;
        }
        byFile.put(key(source), new LastRun(deploymentId, version));
        while (byFile.size() > MAX_ENTRIES) {
            byFile.remove(byFile.keySet().iterator().next());
        }
        ObjectNode snapshot = ExactJson.NODES.objectNode();
        byFile.forEach((name, run) -> {
            ObjectNode entry = snapshot.putObject(name).put("deployment", run.deploymentId());
            if (run.workflowVersion() != null) {
                entry.put("version", run.workflowVersion());
            }
        });
        String text = ExactJson.write(snapshot);
        // Only a hint for the next opening: a failed write costs that hint, nothing else, so it is not reported.
        writer.write(() -> AtomicFiles.writeString(file, text), error -> { });
    }

    private static String key(Path source) {
        return source.toAbsolutePath().normalize().toString();
    }
}
