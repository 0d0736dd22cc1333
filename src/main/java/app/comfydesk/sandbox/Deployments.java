package app.comfydesk.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The deployments of a sandbox home: {@code <home>/deployments/<id>/workflow_api.json}, read on every submit. */
final class Deployments {

    /** The samples shipped in {@code assets/workflows/<id>.json}, installed into a home when missing. */
    static final List<String> SAMPLES = List.of("sample-txt2img", "sample-image-edit");
    /** Shipped input images, installed into {@code <home>/input} when missing. */
    static final List<String> SAMPLE_INPUTS = List.of("sandbox-sample.png");

    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path folder;

    Deployments(Path home) {
        this.folder = home.resolve("deployments");
    }

    void installSamples(Path inputFolder) throws IOException {
        Files.createDirectories(folder);
        for (String id : SAMPLES) {
            Path target = folder.resolve(id).resolve("workflow_api.json");
            if (!Files.exists(target)) {
                copyResource("/assets/workflows/" + id + ".json", target);
            }
        }
        Files.createDirectories(inputFolder);
        for (String name : SAMPLE_INPUTS) {
            Path target = inputFolder.resolve(name);
            if (!Files.exists(target)) {
                copyResource("/assets/images/" + name, target);
            }
        }
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = Deployments.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the sandbox sample " + resource + " is missing from the application");
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".install", ".tmp");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    static boolean isValidId(String id) {
        return VALID_ID.matcher(id).matches();
    }

    List<String> ids() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve("workflow_api.json")))
                    .map(p -> p.getFileName().toString()).filter(Deployments::isValidId).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The stored workflow, or empty when there is no such deployment. */
    Optional<ObjectNode> load(String id) throws IOException {
        if (!isValidId(id)) {
            return Optional.empty();
        }
        Path file = folder.resolve(id).resolve("workflow_api.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode json = SandboxJson.read(file);
        if (json != null && json.isObject() && json.has("prompt") && json.get("prompt").isObject()) {
            json = json.get("prompt"); // tolerate a saved {"prompt": {...}} envelope
        }
        if (json == null || !json.isObject()) {
            throw new IOException("deployment " + id + " has a workflow_api.json that is not a JSON object");
        }
        return Optional.of((ObjectNode) json);
    }

    void save(String id, JsonNode workflow) throws IOException {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("a deployment id uses letters, digits, '.', '_' and '-': " + id);
        }
        Path dir = folder.resolve(id);
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".workflow", ".tmp");
        Files.write(temp, SandboxJson.prettyBytes(workflow));
        Files.move(temp, dir.resolve("workflow_api.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** The raw bytes of the stored workflow (its version is derived from them), or empty when there is none. */
    Optional<byte[]> workflowBytes(String id) throws IOException {
        if (!isValidId(id)) {
            return Optional.empty();
        }
        Path file = folder.resolve(id).resolve("workflow_api.json");
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    /** When the stored workflow last changed. */
    java.time.Instant updatedAt(String id) throws IOException {
        return Files.getLastModifiedTime(folder.resolve(id).resolve("workflow_api.json")).toInstant();
    }

    /** The deployment's default overrides from an optional {@code overrides.json} beside its workflow; else {}. */
    ObjectNode defaultOverrides(String id) throws IOException {
        Path file = folder.resolve(id).resolve("overrides.json");
        if (!isValidId(id) || !Files.isRegularFile(file)) {
            return SandboxJson.object();
        }
        JsonNode json = SandboxJson.read(file);
        if (json == null || !json.isObject()) {
            throw new IOException("deployment " + id + " has an overrides.json that is not a JSON object");
        }
        return (ObjectNode) json;
    }

    /** False once disabled through PATCH (kept in {@code enabled.json} beside the workflow). */
    boolean isEnabled(String id) throws IOException {
        Path file = folder.resolve(id).resolve(ENABLED_FILE);
        if (!Files.isRegularFile(file)) {
            return true;
        }
        JsonNode json = SandboxJson.read(file);
        return json == null || json.path("is_enabled").asBoolean(true);
    }

    void setEnabled(String id, boolean enabled) throws IOException {
        Path dir = folder.resolve(id);
        Path temp = Files.createTempFile(dir, ".enabled", ".tmp");
        Files.write(temp, SandboxJson.bytes(SandboxJson.object().put("is_enabled", enabled)));
        Files.move(temp, dir.resolve(ENABLED_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static final String ENABLED_FILE = "enabled.json";
}
