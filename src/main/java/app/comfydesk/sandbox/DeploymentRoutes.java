package app.comfydesk.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * RunComfy's v2 surface beyond the queue: deployments (list, get, {@code includes=payload}, PATCH of
 * {@code is_enabled}), balance, the object_info of what the sandbox runs, and the instance proxy. Answers are JSON
 * bodies; errors come back as {@link Failure}s for the handler to shape.
 */
final class DeploymentRoutes {

    /** An error answer: HTTP status, RunComfy's numeric code, message and detail. */
    record Failure(int status, int code, String message, JsonNode detail) {
    }

    /** An answer or a failure. */
    record Result(JsonNode body, Failure failure) {
        static Result ok(JsonNode body) {
            return new Result(body, null);
        }

        static Result fail(int status, int code, String message, String detail) {
            return new Result(null, new Failure(status, code, message,
                    detail == null ? null : TextNode.valueOf(detail)));
        }
    }

    private final URI baseUri;
    private final Deployments deployments;
    private final Set<String> supported;
    private final Set<String> liveInstances;
    private volatile ObjectNode objectInfo;

    DeploymentRoutes(URI baseUri, Deployments deployments, Set<String> supported, Set<String> liveInstances) {
        this.baseUri = baseUri;
        this.deployments = deployments;
        this.supported = supported;
        this.liveInstances = liveInstances;
    }

    /** {@code GET /prod/v2/deployments}: a bare array, like RunComfy's; {@code ids} filters, repeatable. */
    Result list(Map<String, List<String>> query) throws IOException {
        List<String> ids = query.getOrDefault("ids", List.of());
        boolean payload = query.getOrDefault("includes", List.of()).contains("payload");
        ArrayNode all = SandboxJson.object().arrayNode();
        for (String id : deployments.ids()) {
            if (ids.isEmpty() || ids.contains(id)) {
                all.add(describe(id, payload));
            }
        }
        return Result.ok(all);
    }

    /** {@code GET /prod/v2/deployments/{id}}. */
    Result get(String id, Map<String, List<String>> query) throws IOException {
        if (deployments.load(id).isEmpty()) {
            return notFound(id);
        }
        return Result.ok(describe(id, query.getOrDefault("includes", List.of()).contains("payload")));
    }

    /** {@code PATCH /prod/v2/deployments/{id}}: only {@code is_enabled} changes here; other settings are fixed. */
    Result patch(String id, byte[] body) throws IOException {
        if (deployments.load(id).isEmpty()) {
            return notFound(id);
        }
        JsonNode json;
        try {
            json = body.length == 0 ? SandboxJson.object() : SandboxJson.parse(body);
        } catch (JsonProcessingException e) {
            return Result.fail(400, 422001, "The request body is not valid JSON: " + e.getOriginalMessage(),
                    "Send {\"name\": \"...\", \"is_enabled\": false}.");
        }
        if (json == null || !json.isObject()) {
            return Result.fail(400, 422001, "The request body must be a JSON object", "Send {\"is_enabled\": false}.");
        }
        JsonNode enabled = json.get("is_enabled");
        if (enabled != null && !enabled.isBoolean()) {
            return Result.fail(400, 422001, "is_enabled must be true or false", "Send {\"is_enabled\": false}.");
        }
        if (enabled != null) {
            deployments.setEnabled(id, enabled.booleanValue());
        }
        return Result.ok(describe(id, false));
    }

    /** {@code GET /prod/v2/balance}: a made-up amount, labelled so nobody takes it for an account's. */
    Result balance() {
        return Result.ok(SandboxJson.object().put("balance_usd", 100.0).put("currency", "USD")
                .put("note", "sandbox"));
    }

    /**
     * {@code POST .../instances/{instance}/proxy/{path}}: {@code object_info} and {@code api/free}, for the instances
     * (workers) of this running server; others are gone, as after RunComfy's keep-warm ends.
     */
    Result proxy(String deployment, String instance, String path) throws IOException {
        if (deployments.load(deployment).isEmpty()) {
            return notFound(deployment);
        }
        if (!liveInstances.contains(instance)) {
            return Result.fail(404, 404001, "Instance " + instance + " is not running",
                    "Instance ids come from a request's status; this sandbox runs " + String.join(", ",
                            new TreeSet<>(liveInstances)) + ".");
        }
        return switch (path) {
            case "object_info" -> Result.ok(objectInfo());
            case "api/free", "free" -> Result.ok(SandboxJson.object());
            default -> Result.fail(404, 404001, "The sandbox's instance proxy has no " + path,
                    "It serves object_info and api/free.");
        };
    }

    /**
     * ComfyUI's object_info for exactly the class types the sandbox runs, with their real input specs (from the
     * built-in core schema). Read once.
     */
    ObjectNode objectInfo() throws IOException {
        ObjectNode info = objectInfo;
        if (info == null) {
            try (InputStream in = DeploymentRoutes.class.getResourceAsStream("/assets/schema/core-object-info.json")) {
                if (in == null) {
                    throw new IOException("the core object_info schema is missing from the application");
                }
                JsonNode core = SandboxJson.parse(in.readAllBytes());
                info = SandboxJson.object();
                for (String type : new TreeSet<>(supported)) {
                    if (core.has(type)) {
                        info.set(type, core.get(type));
                    }
                }
            }
            objectInfo = info;
        }
        return info;
    }

    /** The URL clients fetch the object_info from: on the sandbox itself, without auth. */
    String objectInfoUrl() {
        return baseUri + "/object_info";
    }

    private ObjectNode describe(String id, boolean payload) throws IOException {
        Deployments.Info info = deployments.info(id);
        ObjectNode json = SandboxJson.object();
        json.put("id", id);
        json.put("name", info.name());
        json.put("workflow_id", "sandbox-" + id);
        json.put("workflow_version", info.workflowVersion());
        json.putArray("hardware").add("SANDBOX_CPU");
        json.put("min_instances", 0);
        json.put("max_instances", 1);
        json.put("queue_size", 1000);
        json.put("keep_warm_duration_in_seconds", 0);
        json.put("status", info.enabled() ? "ready" : "disabled");
        json.put("is_enabled", info.enabled());
        json.put("created_at", SandboxJson.timestamp(info.createdAt()));
        json.put("updated_at", SandboxJson.timestamp(info.updatedAt()));
        if (payload) {
            ObjectNode p = json.putObject("payload");
            p.set("workflow_api_json", deployments.load(id).orElseThrow());
            p.set("overrides", deployments.defaultOverrides(id));
            p.put("object_info_url", objectInfoUrl());
        }
        return json;
    }

    private Result notFound(String id) {
        return Result.fail(404, 404001, "Deployment " + id + " was not found",
                "Deployments in this sandbox: " + String.join(", ", deployments.ids()) + ".");
    }

    /** Query parameters, decoded, every value of repeated names kept in order. */
    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }
}
