package app.comfydesk.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Answer to status: state, queue position while queued (nullable), instance id once running (nullable). */
public record StatusResponse(String requestId, RemoteStatus status, Integer queuePosition, String instanceId,
                             JsonNode raw) {

    static StatusResponse from(JsonNode body) {
        return new StatusResponse(ApiJson.text(body, "request_id"), RemoteStatus.parse(ApiJson.text(body, "status")),
                ApiJson.integer(body, "queue_position"), ApiJson.text(body, "instance_id"), body);
    }
}
