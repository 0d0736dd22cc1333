package app.comfydesk.sandbox;

import app.comfydesk.sandbox.SandboxRequest.Snapshot;
import app.comfydesk.sandbox.SandboxRequest.State;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The JSON bodies of status and result answers, shared by the HTTP endpoints and the webhooks that push them. */
final class Answers {

    private final URI baseUri;
    private final SandboxConfig config;

    Answers(URI baseUri, SandboxConfig config) {
        this.baseUri = baseUri;
        this.config = config;
    }

    URI baseUri() {
        return baseUri;
    }

    ObjectNode status(String version, Snapshot r) {
        ObjectNode json = SandboxJson.object();
        json.put("request_id", r.id());
        json.put("status", statusWord(r.state()));
        if (r.state() == State.IN_QUEUE) {
            json.put("queue_position", r.queuePosition());
        }
        json.put("result_url", requestUrl(version, r.deploymentId(), r.id(), "/result"));
        json.put("status_url", requestUrl(version, r.deploymentId(), r.id(), "/status"));
        if (r.instanceId() != null) {
            json.put("instance_id", r.instanceId());
        }
        return json;
    }

    /**
     * The result. While the request is not finished it answers 200 with the same status fields and no outputs
     * (callers poll status first; this keeps an early result call harmless rather than an error).
     */
    ObjectNode result(String version, Snapshot r) {
        ObjectNode json = SandboxJson.object();
        json.put("request_id", r.id());
        switch (r.state()) {
            case SUCCEEDED -> {
                json.put("status", "succeeded");
                ObjectNode outputs = json.putObject("outputs");
                r.outputs().forEach((nodeId, ui) -> outputs.set(nodeId, withUrls(r.id(), ui)));
            }
            case FAILED -> {
                json.put("status", "failed");
                json.set("error", r.error());
            }
            case CANCELLED -> json.put("status", config.cancelledSpelling().word());
            default -> {
                json.setAll(status(version, r));
                json.put("created_at", SandboxJson.timestamp(r.createdAt()));
                return json;
            }
        }
        json.put("created_at", SandboxJson.timestamp(r.createdAt()));
        json.put("finished_at", SandboxJson.timestamp(r.finishedAt()));
        if (r.instanceId() != null) {
            json.put("instance_id", r.instanceId());
        }
        return json;
    }

    private ObjectNode withUrls(String requestId, ObjectNode ui) {
        ObjectNode copy = ui.deepCopy();
        for (JsonNode files : copy) {
            if (!files.isArray()) {
                continue;
            }
            for (JsonNode file : (ArrayNode) files) {
                if (file.isObject() && file.has("filename")) {
                    String sub = file.path("subfolder").asText("");
                    String relative = (sub.isEmpty() ? "" : sub + "/") + file.get("filename").asText();
                    ObjectNode f = (ObjectNode) file;
                    ObjectNode ordered = SandboxJson.object();
                    ordered.put("url", outputUrl(requestId, relative));
                    ordered.setAll(f);
                    f.removeAll();
                    f.setAll(ordered);
                }
            }
        }
        return copy;
    }

    String statusWord(State state) {
        return switch (state) {
            case IN_QUEUE -> "in_queue";
            case IN_PROGRESS -> "in_progress";
            case CANCELLED -> config.cancelledSpelling().word();
            default -> "completed";
        };
    }

    String requestUrl(String version, String deployment, String requestId, String suffix) {
        return baseUri + "/prod/" + version + "/deployments/" + deployment + "/requests/" + requestId + suffix;
    }

    private String outputUrl(String requestId, String relative) {
        return baseUri + "/outputs/" + requestId + "/" + Arrays.stream(relative.split("/"))
                .map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
