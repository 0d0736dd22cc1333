package app.comfydesk.sandbox;

import app.comfydesk.files.AtomicFiles;
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

    private static final String SETTINGS = "deployment.json";

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

    /** What the v2 deployment answers say beside the workflow. */
    record Info(String name, String workflowVersion, boolean enabled, java.time.Instant createdAt,
                java.time.Instant updatedAt) {
    }

    /**
     * Name, enabled flag and times of a deployment, from {@code deployment.json} beside its workflow when present.
     * The workflow version is a hash of the stored file, so it changes whenever the file does.
     */
    Info info(String id) throws IOException {
        Path dir = folder.resolve(id);
        Path workflow = dir.resolve("workflow_api.json");
        byte[] bytes = Files.readAllBytes(workflow);
        String version;
        try {
            version = "sha256-" + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        JsonNode settings = settings(id);
        java.time.Instant created = Files.readAttributes(dir,
                java.nio.file.attribute.BasicFileAttributes.class).creationTime().toInstant();
        java.time.Instant updated = Files.getLastModifiedTime(workflow).toInstant();
        Path settingsFile = dir.resolve(SETTINGS);
        if (Files.exists(settingsFile) && Files.getLastModifiedTime(settingsFile).toInstant().isAfter(updated)) {
            updated = Files.getLastModifiedTime(settingsFile).toInstant();
        }
        return new Info(settings.path("name").asText(id), version, settings.path("is_enabled").asBoolean(true),
                created.isAfter(updated) ? updated : created, updated);
    }

    boolean isEnabled(String id) throws IOException {
        return settings(id).path("is_enabled").asBoolean(true);
    }

    /** Persists {@code is_enabled} in {@code deployment.json} (written whole, atomically). */
    synchronized void setEnabled(String id, boolean enabled) throws IOException {
        ObjectNode settings = settings(id).deepCopy();
        settings.put("is_enabled", enabled);
        AtomicFiles.write(folder.resolve(id).resolve(SETTINGS), SandboxJson.prettyBytes(settings));
    }

    /** The default overrides in {@code overrides.json} beside the workflow, or {@code {}}. */
    ObjectNode defaultOverrides(String id) throws IOException {
        Path file = folder.resolve(id).resolve("overrides.json");
        if (!Files.isRegularFile(file)) {
            return SandboxJson.object();
        }
        JsonNode json = SandboxJson.read(file);
        if (json == null || !json.isObject()) {
            throw new IOException("deployment " + id + " has an overrides.json that is not a JSON object");
        }
        return (ObjectNode) json;
    }

    private ObjectNode settings(String id) throws IOException {
        Path file = folder.resolve(id).resolve(SETTINGS);
        if (!Files.isRegularFile(file)) {
            return SandboxJson.object();
        }
        JsonNode json = SandboxJson.read(file);
        return json instanceof ObjectNode o ? o : SandboxJson.object();
    }

    void save(String id, JsonNode workflow) throws IOException {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("a deployment id uses letters, digits, '.', '_' and '-': " + id);
        }
        AtomicFiles.write(folder.resolve(id).resolve("workflow_api.json"), SandboxJson.prettyBytes(workflow));
    }
}
