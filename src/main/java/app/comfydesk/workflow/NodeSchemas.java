package app.comfydesk.workflow;

import app.comfydesk.workflow.WorkflowFormatException.Reason;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Node schemas from a ComfyUI {@code object_info.json} (GET /object_info), immutable. {@link #builtIn()} holds the
 * core nodes so forms get sensible widgets even when the user has no object_info for their deployment.
 */
public final class NodeSchemas {

    static final String BUILT_IN_RESOURCE = "/assets/schema/core-object-info.json";

    private static volatile NodeSchemas builtIn;

    private final Map<String, NodeSchema> byClass;
    private final List<String> warnings;
    /** Already backed by the built-in schema, so {@link #effective} need not merge again. */
    private final boolean includesBuiltIn;

    private NodeSchemas(Map<String, NodeSchema> byClass, List<String> warnings) {
        this(byClass, warnings, false);
    }

    private NodeSchemas(Map<String, NodeSchema> byClass, List<String> warnings, boolean includesBuiltIn) {
        this.byClass = Collections.unmodifiableMap(byClass);
        this.warnings = List.copyOf(warnings);
        this.includesBuiltIn = includesBuiltIn;
    }

    /** No schemas at all. */
    public static NodeSchemas empty() {
        return new NodeSchemas(new LinkedHashMap<>(), List.of());
    }

    public static NodeSchemas parse(Path file) throws WorkflowFormatException {
        String name = String.valueOf(file.getFileName());
        try {
            long size = Files.size(file);
            if (size > WorkflowReader.MAX_BYTES) {
                throw new WorkflowFormatException(Reason.TOO_LARGE, name + " is larger than 50 MiB; that is not an "
                        + "object_info.json ComfyDesk can use.");
            }
            return parse(ExactJson.parse(Files.readAllBytes(file)), name);
        } catch (JsonProcessingException e) {
            throw notJson(name, e);
        } catch (IOException e) {
            throw new WorkflowFormatException(Reason.UNREADABLE, name + " could not be read (" + e.getMessage()
                    + "). Check that the file is accessible and try again.", e);
        }
    }

    public static NodeSchemas parse(String json) throws WorkflowFormatException {
        try {
            return parse(ExactJson.parse(json), "object_info");
        } catch (JsonProcessingException e) {
            throw notJson("object_info", e);
        }
    }

    /**
     * Reads an object_info tree. Only a top level that is not an object is an error; classes and inputs of any odd
     * shape are kept as well as they can be (see {@link UnknownSpec}) and noted in {@link #warnings()}.
     */
    public static NodeSchemas parse(JsonNode objectInfo, String sourceName) throws WorkflowFormatException {
        if (!objectInfo.isObject()) {
            throw new WorkflowFormatException(Reason.NOT_A_WORKFLOW, sourceName + " is not an object_info.json: "
                    + "expected an object of node classes (GET /object_info on a ComfyUI server).");
        }
        Map<String, NodeSchema> byClass = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = objectInfo.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isObject()) {
                warnings.add("Skipped \u201c" + entry.getKey() + "\u201d in " + sourceName + ": not a node class.");
                continue;
            }
            byClass.put(entry.getKey(), SpecParser.node(entry.getKey(), entry.getValue()));
        }
        return new NodeSchemas(byClass, warnings);
    }

    /** The core nodes shipped with the app; loaded once from the class path. */
    public static NodeSchemas builtIn() {
        NodeSchemas schemas = builtIn;
        if (schemas == null) {
            synchronized (NodeSchemas.class) {
                schemas = builtIn;
                if (schemas == null) {
                    schemas = loadBuiltIn();
                    builtIn = schemas;
                }
            }
        }
        return schemas;
    }

    private static NodeSchemas loadBuiltIn() {
        try (InputStream in = NodeSchemas.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN_RESOURCE + " is missing from the class path (a build bug)");
            }
            return parse(ExactJson.parse(in.readAllBytes()), "built-in schema");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (WorkflowFormatException e) {
            throw new IllegalStateException("the built-in schema is broken (a build bug): " + e.getMessage(), e);
        }
    }

    public Optional<NodeSchema> schema(String classType) {
        return Optional.ofNullable(byClass.get(classType));
    }

    public Optional<InputSpec> spec(String classType, String inputName) {
        NodeSchema schema = byClass.get(classType);
        return schema == null ? Optional.empty() : schema.input(inputName);
    }

    /** All schemas in file order. */
    public Collection<NodeSchema> all() {
        return byClass.values();
    }

    public int size() {
        return byClass.size();
    }

    /** Classes that could not be read at all (their value was not an object). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * These schemas, falling back to {@code fallback} for classes they lack: a deployment's object_info first, the
     * built-in core schema second.
     */
    public NodeSchemas withFallback(NodeSchemas fallback) {
        Map<String, NodeSchema> merged = new LinkedHashMap<>(byClass);
        fallback.byClass.forEach(merged::putIfAbsent);
        return new NodeSchemas(merged, warnings, includesBuiltIn || fallback.includesBuiltIn || fallback == builtIn);
    }

    /** What forms and validation consult: the given schemas (may be null) backed by the built-in core schema. */
    static NodeSchemas effective(NodeSchemas schemas) {
        NodeSchemas core = builtIn();
        if (schemas == null) {
            return core;
        }
        return schemas.includesBuiltIn || schemas == core ? schemas : schemas.withFallback(core);
    }

    private static WorkflowFormatException notJson(String name, JsonProcessingException e) {
        var where = e.getLocation();
        String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return new WorkflowFormatException(Reason.NOT_JSON, name + " is not valid JSON" + at + ". Download it again "
                + "from the ComfyUI server's /object_info.", e);
    }
}
