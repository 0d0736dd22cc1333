package app.comfydesk.sandbox;

import app.comfydesk.sandbox.RequestQueue.CancelOutcome;
import app.comfydesk.sandbox.SandboxRequest.Snapshot;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes HTTP to the queue: authentication, the five queue endpoints for v1 and v2, hosted outputs, injected
 * latency and faults. Every answer is built first and written last, so a fault can drop it after processing.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final List<String> VERSIONS = List.of("v1", "v2");

    private final byte[] token;
    private final SandboxConfig config;
    private final Deployments deployments;
    private final RequestQueue queue;
    private final Storage storage;
    private final Answers answers;
    private final DeploymentRoutes deploymentRoutes;

    /** A complete HTTP answer. */
    record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Answer json(int status, JsonNode body) {
            return new Answer(status, "application/json", SandboxJson.bytes(body), Map.of());
        }

        Answer withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Answer(status, contentType, body, h);
        }
    }

    ApiHandler(Answers answers, String token, SandboxConfig config, Deployments deployments, RequestQueue queue,
               Storage storage) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.config = config;
        this.deployments = deployments;
        this.queue = queue;
        this.storage = storage;
        this.answers = answers;
        this.deploymentRoutes = new DeploymentRoutes(deployments, queue, answers, config);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            List<String> s = segments(path);
            Answer refused = refuseEarly(exchange, s);
            if (refused != null) {
                send(exchange, method, refused); // the body, if any, is never read
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, method, tooLarge());
                return;
            }
            if (!config.latency().isZero()) {
                Thread.sleep(config.latency().toMillis());
            }
            Optional<Fault> fault = config.faults().take(method, path);
            if (fault.isPresent() && fault.get() instanceof Fault.DropBeforeProcessing) {
                return; // closing an exchange that sent nothing drops the connection
            }
            queue.expire();
            Answer answer;
            if (fault.isPresent() && fault.get() instanceof Fault.Status st) {
                answer = error(st.code(), st.errorCode(), st.message(), "Injected by the sandbox's fault plan.");
                if (st.retryAfter() != null) {
                    answer = answer.withHeader("Retry-After", String.valueOf(Math.max(0, st.retryAfter().toSeconds())));
                }
            } else if (fault.isPresent() && fault.get() instanceof Fault.ErrorIn200 e) {
                answer = Answer.json(200, SandboxJson.object().put("error_code", e.errorCode())
                        .put("message", e.message()));
            } else {
                answer = route(exchange, method, path, s, body);
            }
            if (fault.isPresent() && fault.get() instanceof Fault.DropAfterProcessing) {
                return;
            }
            send(exchange, method, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away or sent a broken body: nothing to answer, nothing that is the sandbox's fault.
            LOG.debug("sandbox could not read or answer {} {}: {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("sandbox failed to answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            send(exchange, exchange.getRequestMethod(), error(500, "internal_error",
                    "The sandbox failed to handle this request: " + e, "This is a bug in the sandbox."));
        } finally {
            exchange.close(); // without a response sent, this drops the connection (a fault's intent)
        }
    }

    /**
     * What is answered before a single body byte is read: a path that does not decode, a missing token on an API
     * path, or a declared body over {@link SandboxLimits#MAX_REQUEST_BODY_BYTES}. Null when the request may go on.
     */
    private Answer refuseEarly(HttpExchange exchange, List<String> s) {
        if (s == null) {
            return badRequest("The request path is not validly percent-encoded",
                    "Encode each path segment with UTF-8 percent-encoding.");
        }
        if (isApi(s) && !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return error(401, "unauthorized", "Missing or invalid API token",
                    "Send the header \"Authorization: Bearer <token>\" with the token the sandbox printed.");
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > SandboxLimits.MAX_REQUEST_BODY_BYTES) {
                    return tooLarge();
                }
            } catch (NumberFormatException e) {
                return badRequest("Content-Length is not a number", "Send the body's length in bytes.");
            }
        }
        return null;
    }

    /** The whole body, or null when it is longer than the limit (reading stops one byte past it). */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(SandboxLimits.MAX_REQUEST_BODY_BYTES + 1);
        return body.length > SandboxLimits.MAX_REQUEST_BODY_BYTES ? null : body;
    }

    private static Answer tooLarge() {
        return error(413, "request_too_large", "The request body is larger than the sandbox's limit of "
                        + (SandboxLimits.MAX_REQUEST_BODY_BYTES >> 20) + " MiB",
                "Send large images as URLs or smaller data URIs (downscale them before sending).");
    }

    private static boolean isApi(List<String> s) {
        return s.size() >= 3 && s.get(0).equals("prod") && VERSIONS.contains(s.get(1));
    }

    private Answer route(HttpExchange exchange, String method, String rawPath, List<String> s, byte[] body)
            throws IOException {
        if (s.size() >= 3 && s.get(0).equals("outputs")) {
            return output(method, s);
        }
        Optional<Answer> v2 = deploymentRoutes.route(method, s, exchange.getRequestURI().getRawQuery(), body);
        if (v2.isPresent()) {
            return v2.get();
        }
        boolean api = s.size() >= 5 && isApi(s) && s.get(2).equals("deployments");
        if (!api) {
            return notFound("not_found", "There is no endpoint at " + rawPath,
                    "The sandbox serves /prod/v1/deployments/{deployment_id}/... and /prod/v2/..., and /outputs/.");
        }
        String version = s.get(1);
        String deployment = s.get(3);
        if (s.size() == 5 && s.get(4).equals("inference")) {
            return method.equals("POST") ? submit(version, deployment, body, exchange.getRequestURI().getRawQuery())
                    : notAllowed(method, "POST");
        }
        if (s.size() >= 6 && s.get(4).equals("requests")) {
            String requestId = s.get(5);
            String action = s.size() == 7 ? s.get(6) : s.size() == 6 ? "" : null;
            if (action != null) {
                String expected = switch (action) {
                    case "status", "result" -> "GET";
                    case "cancel" -> "POST";
                    case "" -> "DELETE";
                    default -> null;
                };
                if (expected != null) {
                    if (!method.equals(expected)) {
                        return notAllowed(method, expected);
                    }
                    return onRequest(version, deployment, requestId, action);
                }
            }
        }
        return notFound("not_found", "There is no endpoint at " + rawPath,
                "Known endpoints: inference, requests/{id}/status, requests/{id}/result, requests/{id}/cancel, "
                        + "DELETE requests/{id}.");
    }

    private Answer onRequest(String version, String deployment, String requestId, String action) throws IOException {
        Optional<Snapshot> found = queue.find(deployment, requestId);
        if (found.isEmpty()) {
            if (!deployments.ids().contains(deployment)) {
                return unknownDeployment(deployment);
            }
            return notFound("request_not_found", "Request " + requestId + " was not found in deployment "
                    + deployment, "Use the request_id returned by the submit call of this deployment.");
        }
        Snapshot r = found.get();
        return switch (action) {
            case "status" -> Answer.json(200, answers.status(version, r));
            case "result" -> Answer.json(200, answers.result(version, r));
            case "cancel" -> cancel(r);
            default -> delete(r);
        };
    }

    private Answer submit(String version, String deployment, byte[] body, String rawQuery) throws IOException {
        Optional<ObjectNode> stored = deployments.load(deployment);
        if (stored.isEmpty()) {
            return unknownDeployment(deployment);
        }
        if (!deployments.isEnabled(deployment)) {
            return DeploymentRoutes.disabled(deployment);
        }
        JsonNode request;
        try {
            request = body.length == 0 ? SandboxJson.object() : SandboxJson.parse(body);
        } catch (JsonProcessingException e) {
            return badRequest("The request body is not valid JSON: " + e.getOriginalMessage(),
                    "Send a JSON object such as {\"overrides\": {\"6\": {\"inputs\": {\"text\": \"a cat\"}}}}.");
        }
        if (request == null || !request.isObject()) {
            return badRequest("The request body must be a JSON object",
                    "Send {\"overrides\": {...}} or {\"workflow_api_json\": {...}}.");
        }
        ObjectNode workflow;
        JsonNode dynamic = request.get("workflow_api_json");
        if (dynamic != null && !dynamic.isNull() && !(dynamic.isObject() && dynamic.isEmpty())) {
            if (dynamic.isTextual()) {
                try {
                    dynamic = SandboxJson.parse(dynamic.asText());
                } catch (JsonProcessingException e) {
                    return badRequest("workflow_api_json is a string that is not valid JSON",
                            "Send the workflow as a JSON object.");
                }
            }
            Optional<String> problem = workflowProblem(dynamic);
            if (problem.isPresent()) {
                return badRequest("workflow_api_json is not an API-format workflow: " + problem.get(),
                        "Export it from ComfyUI with \"Save (API Format)\": an object of nodes keyed by id, each with "
                                + "class_type and inputs.");
            }
            workflow = ((ObjectNode) dynamic).deepCopy();
        } else {
            workflow = stored.get().deepCopy();
            // RunComfy applies the deployment's default overrides where the request sends none for an input.
            applyOverrides(workflow, deployments.defaultOverrides(deployment));
        }
        JsonNode overrides = request.get("overrides");
        if (overrides != null && !overrides.isNull()) {
            Optional<String> problem = applyOverrides(workflow, overrides);
            if (problem.isPresent()) {
                return badRequest(problem.get(), "Overrides must name node ids and input keys that exist in the "
                        + (dynamic != null && dynamic.isObject() && !dynamic.isEmpty() ? "workflow sent"
                        : "deployment's stored workflow_api.json") + ".");
            }
        }
        Map<String, String> query = queryParameters(rawQuery);
        JsonNode webhookField = query.containsKey("webhook") ? TextNode.valueOf(query.get("webhook"))
                : request.get("webhook");
        URI webhook = null;
        if (webhookField != null && !webhookField.isNull() && !webhookField.asText().isBlank()) {
            if (!webhookField.isTextual()) {
                return badRequest("webhook must be a URL string",
                        "Send \"webhook\": \"http://127.0.0.1:<port>/hook\".");
            }
            Optional<String> problem = webhookProblem(webhookField.asText().strip());
            if (problem.isPresent()) {
                return badRequest(problem.get(), "The sandbox only calls back to this computer: use a URL on "
                        + "127.0.0.1, [::1] or localhost, such as http://127.0.0.1:9000/hook.");
            }
            webhook = URI.create(webhookField.asText().strip());
        }
        JsonNode intermediateField = query.containsKey("webhook_intermediate_status")
                ? TextNode.valueOf(query.get("webhook_intermediate_status"))
                : request.path("webhook_intermediate_status");
        boolean intermediate = intermediateField.asBoolean(false) || intermediateField.asText().equals("1");
        SandboxRequest r = queue.submit(deployment, workflow, version,
                webhook == null ? null : new SandboxRequest.Webhook(webhook, intermediate));
        ObjectNode answer = SandboxJson.object();
        answer.put("request_id", r.id);
        answer.put("status_url", answers.requestUrl(version, deployment, r.id, "/status"));
        answer.put("result_url", answers.requestUrl(version, deployment, r.id, "/result"));
        answer.put("cancel_url", answers.requestUrl(version, deployment, r.id, "/cancel"));
        return Answer.json(200, answer);
    }

    /**
     * Why a webhook URL is refused, or empty when it is an http(s) URL on loopback. Only literal loopback addresses
     * and {@code localhost} pass, and no name is looked up, so the sandbox never reaches past this computer.
     */
    static Optional<String> webhookProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("webhook \"" + url + "\" is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("webhook \"" + url + "\" must be an http:// or https:// URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("webhook \"" + url + "\" has no host");
        }
        if (host.equalsIgnoreCase("localhost") || isLoopbackLiteral(host)) {
            return Optional.empty();
        }
        return Optional.of("webhook host " + host + " is not on this computer; the sandbox only sends webhooks to "
                + "loopback addresses (127.0.0.0/8, ::1, localhost)");
    }

    private static boolean isLoopbackLiteral(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+") && !literal.matches("[0-9A-Fa-f:.]+")) {
            return false; // a name: refused rather than resolved
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static Optional<String> workflowProblem(JsonNode workflow) {
        if (!workflow.isObject()) {
            return Optional.of("it is not a JSON object");
        }
        if (workflow.has("nodes") && workflow.has("links")) {
            return Optional.of("it is a UI-format workflow (it has \"nodes\" and \"links\")");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = workflow.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject() || !e.getValue().path("class_type").isTextual()) {
                return Optional.of("node \"" + e.getKey() + "\" has no class_type");
            }
            if (e.getValue().has("inputs") && !e.getValue().get("inputs").isObject()) {
                return Optional.of("node \"" + e.getKey() + "\" has inputs that are not an object");
            }
        }
        return Optional.empty();
    }

    /** Applies overrides in place; returns the first problem as a user-facing sentence. */
    private static Optional<String> applyOverrides(ObjectNode workflow, JsonNode overrides) {
        if (!overrides.isObject()) {
            return Optional.of("overrides must be an object keyed by node id, such as "
                    + "{\"6\": {\"inputs\": {\"text\": \"a cat\"}}}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String nodeId = e.getKey();
            JsonNode node = workflow.get(nodeId);
            if (node == null) {
                List<String> ids = new ArrayList<>();
                workflow.fieldNames().forEachRemaining(ids::add);
                return Optional.of("overrides name node \"" + nodeId + "\", which does not exist; the workflow's "
                        + "nodes are " + String.join(", ", ids));
            }
            JsonNode inputs = e.getValue().get("inputs");
            if (!e.getValue().isObject() || inputs == null || !inputs.isObject()) {
                return Optional.of("overrides for node \"" + nodeId + "\" must look like {\"inputs\": {...}}");
            }
            String classType = node.path("class_type").asText();
            ObjectNode target = node.has("inputs") ? (ObjectNode) node.get("inputs") : ((ObjectNode) node)
                    .putObject("inputs");
            for (Iterator<Map.Entry<String, JsonNode>> in = inputs.fields(); in.hasNext(); ) {
                Map.Entry<String, JsonNode> input = in.next();
                if (!target.has(input.getKey())) {
                    List<String> keys = new ArrayList<>();
                    target.fieldNames().forEachRemaining(keys::add);
                    return Optional.of("overrides name input \"" + input.getKey() + "\" of node \"" + nodeId + "\" ("
                            + classType + "), which has no such input; its inputs are "
                            + (keys.isEmpty() ? "none" : String.join(", ", keys)));
                }
            }
            inputs.fields().forEachRemaining(input -> target.set(input.getKey(), input.getValue().deepCopy()));
        }
        return Optional.empty();
    }

    private Answer cancel(Snapshot r) {
        CancelOutcome outcome = queue.cancel(r.id());
        Snapshot now = queue.find(r.deploymentId(), r.id()).orElse(r);
        ObjectNode json = SandboxJson.object();
        json.put("request_id", r.id());
        json.put("status", answers.statusWord(now.state()));
        json.put("outcome", outcome == CancelOutcome.CANCELLED ? config.cancelledSpelling().word()
                : outcome.name().toLowerCase(java.util.Locale.ROOT));
        return Answer.json(202, json);
    }

    private Answer delete(Snapshot r) throws IOException {
        Optional<Integer> deleted = queue.purge(r.id());
        if (deleted.isEmpty()) {
            return error(409, "request_not_finished", "Request " + r.id() + " is still "
                            + answers.statusWord(r.state()) + "; it can be deleted once it has finished",
                    "Cancel it first with POST .../requests/" + r.id() + "/cancel, wait for it to stop, then delete.");
        }
        ObjectNode json = SandboxJson.object();
        json.put("request_id", r.id());
        json.put("status", "deleted");
        json.put("deleted_objects", deleted.get());
        return Answer.json(200, json);
    }

    private Answer output(String method, List<String> s) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return notAllowed(method, "GET");
        }
        String requestId = s.get(1);
        String relative = String.join("/", s.subList(2, s.size()));
        Optional<Path> file = storage.output(requestId, relative); // checks every decoded segment and the real path
        if (file.isEmpty()) {
            return notFound("output_not_found", "This output does not exist or is no longer hosted",
                    "Hosted outputs are removed " + config.retention().toDays()
                            + " day(s) after a request finishes, or when the request is deleted.");
        }
        String name = file.get().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        String type = name.endsWith(".png") ? "image/png" : name.endsWith(".jpg") || name.endsWith(".jpeg")
                ? "image/jpeg" : name.endsWith(".webp") ? "image/webp" : "application/octet-stream";
        return new Answer(200, type, Files.readAllBytes(file.get()), Map.of("Cache-Control", "no-store"));
    }

    private boolean authorized(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }

    private Answer unknownDeployment(String deployment) {
        List<String> ids = deployments.ids();
        return notFound("deployment_not_found", "Deployment " + deployment + " was not found",
                ids.isEmpty() ? "This sandbox has no deployments." : "Deployments in this sandbox: "
                        + String.join(", ", ids) + ".");
    }

    /** The path's segments, each percent-decoded; null when one does not decode. */
    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                try {
                    out.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return out;
    }

    private static Answer badRequest(String message, String detail) {
        return error(400, "invalid_request", message, detail);
    }

    private static Answer notFound(String code, String message, String detail) {
        return error(404, code, message, detail);
    }

    private static Answer notAllowed(String method, String allowed) {
        return error(405, "method_not_allowed", method + " is not allowed here", "Use " + allowed + ".")
                .withHeader("Allow", allowed);
    }

    static Answer error(int status, String code, String message, String detail) {
        return Answer.json(status, SandboxJson.object().put("error_code", code).put("message", message)
                .put("detail", detail));
    }

    private static void send(HttpExchange exchange, String method, Answer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(answer.status(), head ? -1 : answer.body().length == 0 ? -1
                : answer.body().length);
        if (!head && answer.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }
}
