package app.comfydesk.sandbox;

import app.comfydesk.sandbox.ApiHandler.Answer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * RunComfy's v2 surface beyond the queue (the shapes in {@code runcomfy-beyond-the-queue.md}): deployments list and
 * get with {@code includes=payload}, {@code PATCH is_enabled}, balance, the deployment's object_info, and the instance
 * proxy for {@code object_info} and {@code api/free}. Errors carry RunComfy's numeric codes.
 */
final class DeploymentRoutes {

    /** The sandbox has no account: a made-up amount, labelled as such in the answer. */
    static final String SANDBOX_BALANCE = "100.00";

    private final Deployments deployments;
    private final RequestQueue queue;
    private final Answers answers;
    private final SandboxConfig config;
    private final AtomicReference<ObjectNode> objectInfo = new AtomicReference<>();

    DeploymentRoutes(Deployments deployments, RequestQueue queue, Answers answers, SandboxConfig config) {
        this.deployments = deployments;
        this.queue = queue;
        this.answers = answers;
        this.config = config;
    }

    /** The answer when {@code s} (decoded, authorized) is one of these routes; empty for the queue's routes. */
    Optional<Answer> route(String method, List<String> s, String rawQuery, byte[] body) throws IOException {
        if (s.size() < 3 || !s.get(1).equals("v2")) {
            return Optional.empty();
        }
        if (s.size() == 3 && s.get(2).equals("balance")) {
            return Optional.of(method.equals("GET") ? balance() : notAllowed(method, "GET"));
        }
        if (!s.get(2).equals("deployments")) {
            return Optional.empty();
        }
        Query query = Query.parse(rawQuery);
        if (s.size() == 3) {
            return Optional.of(method.equals("GET") ? list(query) : notAllowed(method, "GET"));
        }
        String id = s.get(3);
        if (s.size() == 4) {
            return Optional.of(switch (method) {
                case "GET" -> get(id, query);
                case "PATCH" -> patch(id, body);
                default -> notAllowed(method, "GET, PATCH");
            });
        }
        if (s.size() == 5 && s.get(4).equals("object_info")) {
            return Optional.of(method.equals("GET") ? objectInfoOf(id) : notAllowed(method, "GET"));
        }
        if (s.size() >= 8 && s.get(4).equals("instances") && s.get(6).equals("proxy")) {
            return Optional.of(method.equals("POST") ? proxy(id, s.get(5), String.join("/", s.subList(7, s.size())))
                    : notAllowed(method, "POST"));
        }
        return Optional.empty();
    }

    /** A submit to a deployment switched off through PATCH: RunComfy's 10002. */
    static Answer disabled(String id) {
        return runComfyError(403, 10002, "Deployment " + id + " is disabled",
                "Enable it again with PATCH /prod/v2/deployments/" + id + " {\"is_enabled\": true}.");
    }

    private Answer balance() {
        ObjectNode json = SandboxJson.object();
        json.put("balance_usd", new java.math.BigDecimal(SANDBOX_BALANCE));
        json.put("currency", "USD");
        json.put("note", "made-up sandbox amount: the sandbox runs on this computer and charges nothing");
        return Answer.json(200, json);
    }

    private Answer list(Query query) throws IOException {
        ArrayNode all = SandboxJson.object().arrayNode();
        for (String id : deployments.ids()) {
            if (query.ids().isEmpty() || query.ids().contains(id)) {
                describe(id, query.payload()).ifPresent(all::add);
            }
        }
        return Answer.json(200, all);
    }

    private Answer get(String id, Query query) throws IOException {
        Optional<ObjectNode> found = describe(id, query.payload());
        return found.map(d -> Answer.json(200, d)).orElseGet(() -> notFound(id));
    }

    private Answer patch(String id, byte[] body) throws IOException {
        if (describe(id, false).isEmpty()) {
            return notFound(id);
        }
        JsonNode request;
        try {
            request = body.length == 0 ? SandboxJson.object() : SandboxJson.parse(body);
        } catch (JsonProcessingException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            return runComfyError(422, 422001, "The body must be a JSON object such as {\"is_enabled\": false}",
                    "Send the settings to change as a JSON object.");
        }
        JsonNode enabled = request.get("is_enabled");
        if (enabled != null) {
            if (!enabled.isBoolean()) {
                return runComfyError(422, 422001, "is_enabled must be true or false", "Send a JSON boolean.");
            }
            deployments.setEnabled(id, enabled.asBoolean());
        }
        return Answer.json(200, describe(id, false).orElseThrow());
    }

    private Optional<ObjectNode> describe(String id, boolean withPayload) throws IOException {
        Optional<byte[]> bytes = deployments.workflowBytes(id);
        Optional<ObjectNode> workflow = deployments.load(id);
        if (bytes.isEmpty() || workflow.isEmpty()) {
            return Optional.empty();
        }
        boolean enabled = deployments.isEnabled(id);
        String stamp = SandboxJson.timestamp(deployments.updatedAt(id));
        ObjectNode d = SandboxJson.object();
        d.put("id", id);
        d.put("name", id);
        d.put("workflow_id", "sandbox-" + id);
        d.put("workflow_version", version(bytes.get()));
        d.putArray("hardware").add("SANDBOX_CPU");
        d.put("min_instances", 0);
        d.put("max_instances", config.workers());
        d.put("queue_size", Math.max(1, config.workers()) * 10);
        d.put("keep_warm_duration_in_seconds", 0);
        d.put("status", enabled ? "ready" : "disabled");
        d.put("is_enabled", enabled);
        d.put("created_at", stamp);
        d.put("updated_at", stamp);
        if (withPayload) {
            ObjectNode payload = d.putObject("payload");
            payload.set("workflow_api_json", workflow.get());
            payload.set("overrides", deployments.defaultOverrides(id));
            payload.put("object_info_url", answers.baseUri() + "/prod/v2/deployments/" + id + "/object_info");
        }
        return Optional.of(d);
    }

    /** The stored workflow's version: a digest of its bytes, so it changes whenever the file does. */
    private static String version(byte[] workflow) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(workflow);
            return "sha-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private Answer objectInfoOf(String id) throws IOException {
        return describe(id, false).isEmpty() ? notFound(id) : Answer.json(200, objectInfo());
    }

    private Answer proxy(String id, String instanceId, String comfyPath) throws IOException {
        if (describe(id, false).isEmpty()) {
            return notFound(id);
        }
        if (!queue.instanceIds().contains(instanceId)) {
            return runComfyError(404, 404001, "Instance " + instanceId + " of deployment " + id + " is not running",
                    "Use the instance_id of a status answer while its instance lives; the sandbox's instances are "
                            + String.join(", ", queue.instanceIds()) + ".");
        }
        return switch (comfyPath) {
            case "object_info", "api/object_info" -> Answer.json(200, objectInfo());
            case "free", "api/free" -> Answer.json(200, SandboxJson.object());
            default -> runComfyError(404, 404001, "The sandbox's ComfyUI has no endpoint /" + comfyPath,
                    "The sandbox's instance proxy answers object_info and api/free.");
        };
    }

    /** The core schema's entries for exactly the node classes this sandbox runs, with their real input specs. */
    private ObjectNode objectInfo() {
        ObjectNode cached = objectInfo.get();
        if (cached != null) {
            return cached;
        }
        ObjectNode all;
        try (InputStream in = DeploymentRoutes.class.getResourceAsStream("/assets/schema/core-object-info.json")) {
            if (in == null) {
                throw new IOException("the core schema is missing from the application");
            }
            all = (ObjectNode) SandboxJson.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> supported = new LinkedHashSet<>(new app.comfydesk.sandbox.exec.WorkflowExecutor()
                .supportedClassTypes());
        ObjectNode filtered = SandboxJson.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (supported.contains(e.getKey())) {
                filtered.set(e.getKey(), e.getValue());
            }
        }
        objectInfo.compareAndSet(null, filtered);
        return objectInfo.get();
    }

    private Answer notFound(String id) {
        List<String> ids = deployments.ids();
        return runComfyError(404, 404001, "Deployment " + id + " was not found",
                ids.isEmpty() ? "This sandbox has no deployments." : "Deployments in this sandbox: "
                        + String.join(", ", ids) + ".");
    }

    private static Answer notAllowed(String method, String allowed) {
        return runComfyError(405, 405001, method + " is not allowed here", "Use " + allowed + ".")
                .withHeader("Allow", allowed);
    }

    /** RunComfy's error body: numeric {@code error_code}, {@code error_message} (and {@code message}), detail. */
    static Answer runComfyError(int status, int code, String message, String detail) {
        return Answer.json(status, SandboxJson.object().put("error_code", code).put("error_message", message)
                .put("message", message).put("detail", detail));
    }

    /** {@code includes=payload} and {@code ids=<id>} (both repeatable). */
    private record Query(boolean payload, List<String> ids) {
        static Query parse(String rawQuery) {
            boolean payload = false;
            List<String> ids = new ArrayList<>();
            if (rawQuery != null) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String name;
                    String value;
                    try {
                        name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                        value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        continue; // a parameter that does not decode is not one of ours
                    }
                    if (name.equals("includes") || name.equals("includes[]")) {
                        payload |= List.of(value.split(",")).contains("payload");
                    } else if (name.equals("ids") || name.equals("ids[]")) {
                        ids.addAll(List.of(value.split(",")));
                    }
                }
            }
            return new Query(payload, ids);
        }
    }
}
