package app.comfydesk.sandbox;

import app.comfydesk.sandbox.RequestQueue.CancelOutcome;
import app.comfydesk.sandbox.SandboxRequest.Snapshot;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.ByteBuffer;
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
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes HTTP to the queue: authentication, the five queue endpoints for v1 and v2, hosted outputs, injected
 * latency and faults. Every answer is built first and written last, so a fault can drop it after processing.
 */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final List<String> VERSIONS = List.of("v1", "v2");

    private final byte[] token;
    private final SandboxConfig config;
    private final Deployments deployments;
    private final RequestQueue queue;
    private final Storage storage;
    private final Answers answers;
    private final DeploymentRoutes v2;

    /** A complete HTTP answer. */
    private record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
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
        this.v2 = new DeploymentRoutes(answers.baseUri(), deployments, new app.comfydesk.sandbox.exec.WorkflowExecutor()
                .supportedClassTypes(), queue.instanceIds());
    }

    /**
     * Runs on a Jetty pool thread once the request line and headers are in: Jetty reads those without holding a
     * thread, so peers that trickle bytes cost a connection slot, never a worker.
     */
    @Override
    public boolean handle(Request exchange, Response response, Callback callback) {
        if (needsBody(exchange)) {
            // Read the body without holding a thread: a peer that stops half-way through it waits in the selector,
            // not in a handler thread, so 200 such peers cannot starve the status calls of everyone else.
            Content.Source.asByteArrayAsync(exchange, SandboxLimits.MAX_BODY_BYTES + 1).whenComplete((bytes, e) -> {
                exchange.setAttribute(BODY, e == null ? bytes : e);
                exchange.getComponents().getExecutor().execute(() -> process(exchange, response, callback));
            });
        } else {
            process(exchange, response, callback);
        }
        return true;
    }

    /** A body is read up front only for an authorized POST or PATCH whose declared length is within the limit. */
    private boolean needsBody(Request exchange) {
        String method = exchange.getMethod();
        if (!method.equals("POST") && !method.equals("PATCH")) {
            return false;
        }
        String length = exchange.getHeaders().get("Content-Length");
        if (length != null) {
            try {
                long declared = Long.parseLong(length.trim());
                if (declared == 0 || declared > SandboxLimits.MAX_BODY_BYTES) {
                    return false; // nothing to read, or refused with 413 before reading
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return exchange.getHttpURI().getPath().startsWith("/prod/")
                && authorized(exchange.getHeaders().get("Authorization"));
    }

    private void process(Request exchange, Response response, Callback callback) {
        String method = exchange.getMethod();
        try {
            String path = exchange.getHttpURI().getPath();
            if (!config.latency().isZero()) {
                Thread.sleep(config.latency().toMillis());
            }
            Optional<Fault> fault = config.faults().take(method, path);
            if (fault.isPresent() && fault.get() instanceof Fault.DropBeforeProcessing) {
                drop(exchange, callback);
                return;
            }
            queue.expire();
            Answer answer;
            if (fault.isPresent() && fault.get() instanceof Fault.Status s) {
                answer = error(s.code(), s.errorCode(), s.message(), "Injected by the sandbox's fault plan.");
                if (s.retryAfter() != null) {
                    answer = answer.withHeader("Retry-After", String.valueOf(Math.max(0, s.retryAfter().toSeconds())));
                }
            } else if (fault.isPresent() && fault.get() instanceof Fault.ErrorIn200 e) {
                answer = Answer.json(200, SandboxJson.object().put("error_code", e.errorCode())
                        .put("message", e.message()));
            } else {
                answer = route(exchange, method, path);
                if (path.startsWith("/prod/v2/")) {
                    answer = withRunComfyCode(answer);
                }
            }
            if (fault.isPresent() && fault.get() instanceof Fault.DropAfterProcessing) {
                drop(exchange, callback);
                return;
            }
            send(response, method, answer, callback);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drop(exchange, callback);
        } catch (BodyUnreadable e) {
            LOG.debug("sandbox could not read the body of {} {}: {}", method, exchange.getHttpURI().getPath(),
                    e.getCause().toString());
            drop(exchange, callback);
        } catch (IOException | RuntimeException e) {
            LOG.warn("sandbox failed to answer {} {}", method, exchange.getHttpURI().getPath(), e);
            send(response, method, error(500, "internal_error", "The sandbox failed to handle this request: " + e,
                    "This is a bug in the sandbox."), callback);
        }
    }

    /** Closes the connection without an answer, as a fault asks. */
    private static void drop(Request request, Callback callback) {
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        callback.failed(new IOException("connection dropped by the sandbox's fault plan"));
    }

    private Answer route(Request exchange, String method, String rawPath) throws IOException {
        List<String> s = segments(rawPath);
        if (s.size() >= 3 && s.get(0).equals("outputs")) {
            return output(method, s);
        }
        if (s.size() == 1 && s.get(0).equals("object_info")) {
            // Like a hosted asset: no token, since it only describes what the sandbox can run.
            return method.equals("GET") ? Answer.json(200, v2.objectInfo()) : notAllowed(method, "GET");
        }
        boolean prod = s.size() >= 3 && s.get(0).equals("prod") && VERSIONS.contains(s.get(1));
        if (!prod) {
            return notFound("not_found", "There is no endpoint at " + rawPath,
                    "The sandbox serves /prod/v1/deployments/{deployment_id}/... and /prod/v2/..., and /outputs/.");
        }
        if (!authorized(exchange.getHeaders().get("Authorization"))) {
            return error(401, "unauthorized", "Missing or invalid API token",
                    "Send the header \"Authorization: Bearer <token>\" with the token the sandbox printed.");
        }
        if (s.get(1).equals("v2")) {
            Optional<Answer> answer = routeV2(exchange, method, s);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        if (s.size() < 5 || !s.get(2).equals("deployments")) {
            return notFound("not_found", "There is no endpoint at " + rawPath,
                    "The sandbox serves /prod/v1/deployments/{deployment_id}/... and /prod/v2/..., and /outputs/.");
        }
        String version = s.get(1);
        String deployment = s.get(3);
        if (s.size() == 5 && s.get(4).equals("inference")) {
            if (!method.equals("POST")) {
                return notAllowed(method, "POST");
            }
            byte[] body;
            try {
                // Read only now, after the token check: an anonymous peer never gets a body buffered.
                body = body(exchange);
            } catch (SandboxLimits.BodyTooLarge e) {
                return tooLarge(e);
            }
            return submit(version, deployment, body, exchange.getHttpURI().getQuery());
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

    private static byte[] body(Request exchange) throws IOException {
        Object read = exchange.getAttribute(BODY);
        if (read instanceof byte[] bytes) {
            if (bytes.length > SandboxLimits.MAX_BODY_BYTES) {
                throw new SandboxLimits.BodyTooLarge();
            }
            return bytes;
        }
        if (read instanceof Throwable failure) {
            if (failure instanceof IOException || failure.getCause() instanceof IOException) {
                throw new BodyUnreadable(failure);
            }
            throw new SandboxLimits.BodyTooLarge(); // asByteArrayAsync refuses a source over its maximum size
        }
        return SandboxLimits.readBody(exchange.getHeaders().get("Content-Length"),
                Content.Source.asInputStream(exchange));
    }

    /** The peer went away or broke off while sending its body: nothing to answer, nothing to log loudly. */
    private static final class BodyUnreadable extends IOException {
        BodyUnreadable(Throwable cause) {
            super("the request body could not be read", cause);
        }
    }

    /** The request attribute holding the body read up front (bytes) or why it could not be (a Throwable). */
    private static final String BODY = ApiHandler.class.getName() + ".body";

    private static Answer tooLarge(SandboxLimits.BodyTooLarge e) {
        return error(413, "payload_too_large", e.getMessage(), "Send images as URLs or downscale them: the whole "
                + "request body must stay under " + SandboxLimits.BODY_LIMIT_TEXT + ".").withHeader("Connection", "close");
    }

    /** v2 only: deployments list/get/PATCH, balance and the instance proxy; empty for the queue endpoints. */
    private Optional<Answer> routeV2(Request exchange, String method, List<String> s) throws IOException {
        Map<String, List<String>> query = DeploymentRoutes.query(exchange.getHttpURI().getQuery());
        DeploymentRoutes.Result result;
        if (s.size() == 3 && s.get(2).equals("balance")) {
            result = method.equals("GET") ? v2.balance() : null;
        } else if (s.size() == 3 && s.get(2).equals("deployments")) {
            result = method.equals("GET") ? v2.list(query) : null;
        } else if (s.size() == 4 && s.get(2).equals("deployments")) {
            if (method.equals("GET")) {
                result = v2.get(s.get(3), query);
            } else if (method.equals("PATCH")) {
                try {
                    result = v2.patch(s.get(3), body(exchange));
                } catch (SandboxLimits.BodyTooLarge e) {
                    return Optional.of(tooLarge(e));
                }
            } else {
                return Optional.of(notAllowed(method, "GET, PATCH"));
            }
        } else if (s.size() >= 8 && s.get(2).equals("deployments") && s.get(4).equals("instances")
                && s.get(6).equals("proxy")) {
            result = method.equals("POST") ? v2.proxy(s.get(3), s.get(5), String.join("/", s.subList(7, s.size())))
                    : null;
            if (result == null) {
                return Optional.of(notAllowed(method, "POST"));
            }
        } else {
            return Optional.empty();
        }
        if (result == null) {
            return Optional.of(notAllowed(method, "GET"));
        }
        if (result.failure() != null) {
            DeploymentRoutes.Failure f = result.failure();
            ObjectNode body = SandboxJson.object().put("error_code", f.code()).put("error_message", f.message())
                    .put("message", f.message());
            body.set("detail", f.detail());
            return Optional.of(Answer.json(f.status(), body));
        }
        return Optional.of(Answer.json(200, result.body()));
    }

    /**
     * v2 errors carry RunComfy's numeric codes (v1 keeps the sandbox's named ones, which its contract pins), chosen
     * by HTTP status; codes that are already numbers (10002, 422001, a fault's) stay.
     */
    private static Answer withRunComfyCode(Answer answer) {
        if (answer.status() < 400 || !answer.contentType().equals("application/json")) {
            return answer;
        }
        try {
            JsonNode json = SandboxJson.parse(answer.body());
            if (!(json instanceof ObjectNode o) || !o.path("error_code").isTextual()) {
                return answer;
            }
            int code = switch (answer.status()) {
                case 401 -> 401001;
                case 403 -> 403003;
                case 404, 405 -> 404001;
                case 500 -> 500001;
                default -> 422001;
            };
            o.put("error_code", code);
            return new Answer(answer.status(), answer.contentType(), SandboxJson.bytes(o), answer.headers());
        } catch (JsonProcessingException e) {
            return answer;
        }
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
            ObjectNode refusal = SandboxJson.object().put("error_code", 10002)
                    .put("error_message", "Deployment " + deployment + " is disabled")
                    .put("message", "Deployment " + deployment + " is disabled")
                    .put("detail", "Enable it with PATCH /prod/v2/deployments/" + deployment
                            + " {\"is_enabled\": true}.");
            return Answer.json(403, refusal);
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
            Optional<String> problem = SubmitChecks.workflowProblem(dynamic);
            if (problem.isPresent()) {
                return badRequest("workflow_api_json is not an API-format workflow: " + problem.get(),
                        "Export it from ComfyUI with \"Save (API Format)\": an object of nodes keyed by id, each with "
                                + "class_type and inputs.");
            }
            workflow = ((ObjectNode) dynamic).deepCopy();
        } else {
            workflow = stored.get().deepCopy();
            // The deployment's default overrides apply first; the request's own win for the inputs they name.
            ObjectNode defaults = deployments.defaultOverrides(deployment);
            if (!defaults.isEmpty()) {
                Optional<String> problem = SubmitChecks.applyOverrides(workflow, defaults);
                if (problem.isPresent()) {
                    return error(500, "internal_error", "The deployment's overrides.json does not fit its workflow: "
                            + problem.get(), "Fix " + deployment + "/overrides.json in the sandbox home.");
                }
            }
        }
        JsonNode overrides = request.get("overrides");
        if (overrides != null && !overrides.isNull()) {
            Optional<String> problem = SubmitChecks.applyOverrides(workflow, overrides);
            if (problem.isPresent() && version.equals("v2")) {
                ArrayNode detail = SandboxJson.object().arrayNode();
                ArrayNode loc = detail.addObject().put("type", "invalid_override").put("msg", problem.get())
                        .putArray("loc").add("overrides");
                for (String part : SubmitChecks.problemLocation(problem.get()).split("\\.inputs\\.", 2)) {
                    loc.add(part);
                }
                if (loc.size() == 3) {
                    loc.insert(2, "inputs");
                }
                ObjectNode invalid = SandboxJson.object().put("error_code", 422001)
                        .put("error_message", problem.get()).put("message", problem.get());
                invalid.set("detail", detail);
                return Answer.json(400, invalid);
            }
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
            Optional<String> problem = SubmitChecks.webhookProblem(webhookField.asText().strip());
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

    /** The first value of each query parameter. */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> first = new LinkedHashMap<>();
        DeploymentRoutes.query(rawQuery).forEach((name, values) -> first.put(name, values.get(0)));
        return first;
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
        // Segments are decoded: each must be one plain name, so "%2F" or "..%2F" cannot walk out of the storage.
        boolean plain = s.subList(1, s.size()).stream().allMatch(n -> SandboxLimits.nameProblem(n).isEmpty());
        String requestId = s.get(1);
        String relative = String.join("/", s.subList(2, s.size()));
        Optional<Path> file = plain ? storage.output(requestId, relative) : Optional.empty();
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

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                out.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
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

    private static Answer error(int status, String code, String message, String detail) {
        return Answer.json(status, SandboxJson.object().put("error_code", code).put("error_message", message)
                .put("message", message).put("detail", detail));
    }

    private static void send(Response response, String method, Answer answer, Callback callback) {
        response.setStatus(answer.status());
        response.getHeaders().put("Content-Type", answer.contentType());
        answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        response.getHeaders().put("Content-Length", answer.body().length);
        boolean head = method.equals("HEAD");
        response.write(true, head ? null : ByteBuffer.wrap(answer.body()), callback);
    }
}
