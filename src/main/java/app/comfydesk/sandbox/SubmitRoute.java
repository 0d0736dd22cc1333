package app.comfydesk.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /prod/<version>/deployments/{id}/inference}: the deployment's stored workflow (with its default
 * overrides) or the one sent, the request's overrides, the webhook; the ComfyUI checks themselves are
 * {@link SubmitChecks}'. Answers like RunComfy, including v2's structured 400 for an override that does not fit.
 */
final class SubmitRoute {

    private final Answers answers;
    private final Deployments deployments;
    private final RequestQueue queue;

    SubmitRoute(Answers answers, Deployments deployments, RequestQueue queue) {
        this.answers = answers;
        this.deployments = deployments;
        this.queue = queue;
    }

    HttpAnswer answer(String version, String deployment, byte[] body, String rawQuery) throws IOException {
        Optional<ObjectNode> stored = deployments.load(deployment);
        if (stored.isEmpty()) {
            return QueueRoutes.unknownDeployment(deployments, deployment);
        }
        if (!deployments.isEnabled(deployment)) {
            ObjectNode refusal = SandboxJson.object().put("error_code", 10002)
                    .put("error_message", "Deployment " + deployment + " is disabled")
                    .put("message", "Deployment " + deployment + " is disabled")
                    .put("detail", "Enable it with PATCH /prod/v2/deployments/" + deployment
                            + " {\"is_enabled\": true}.");
            return HttpAnswer.json(403, refusal);
        }
        JsonNode request;
        try {
            request = body.length == 0 ? SandboxJson.object() : SandboxJson.parse(body);
        } catch (JsonProcessingException e) {
            return HttpAnswer.badRequest("The request body is not valid JSON: " + e.getOriginalMessage(),
                    "Send a JSON object such as {\"overrides\": {\"6\": {\"inputs\": {\"text\": \"a cat\"}}}}.");
        }
        if (request == null || !request.isObject()) {
            return HttpAnswer.badRequest("The request body must be a JSON object",
                    "Send {\"overrides\": {...}} or {\"workflow_api_json\": {...}}.");
        }
        ObjectNode workflow;
        JsonNode dynamic = request.get("workflow_api_json");
        if (dynamic != null && !dynamic.isNull() && !(dynamic.isObject() && dynamic.isEmpty())) {
            if (dynamic.isTextual()) {
                try {
                    dynamic = SandboxJson.parse(dynamic.asText());
                } catch (JsonProcessingException e) {
                    return HttpAnswer.badRequest("workflow_api_json is a string that is not valid JSON",
                            "Send the workflow as a JSON object.");
                }
            }
            Optional<String> problem = SubmitChecks.workflowProblem(dynamic);
            if (problem.isPresent()) {
                return HttpAnswer.badRequest("workflow_api_json is not an API-format workflow: " + problem.get(),
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
                    return HttpAnswer.error(500, "internal_error", "The deployment's overrides.json does not fit its workflow: "
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
                return HttpAnswer.json(400, invalid);
            }
            if (problem.isPresent()) {
                return HttpAnswer.badRequest(problem.get(), "Overrides must name node ids and input keys that exist in the "
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
                return HttpAnswer.badRequest("webhook must be a URL string",
                        "Send \"webhook\": \"http://127.0.0.1:<port>/hook\".");
            }
            Optional<String> problem = SubmitChecks.webhookProblem(webhookField.asText().strip());
            if (problem.isPresent()) {
                return HttpAnswer.badRequest(problem.get(), "The sandbox only calls back to this computer: use a URL on "
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
        return HttpAnswer.json(200, answer);
    }

    /** The first value of each query parameter. */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> first = new LinkedHashMap<>();
        DeploymentRoutes.query(rawQuery).forEach((name, values) -> first.put(name, values.get(0)));
        return first;
    }
}
