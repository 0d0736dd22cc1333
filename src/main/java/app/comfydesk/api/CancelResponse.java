package app.comfydesk.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Answer to cancel: the outcome and the status the server reported alongside. */
public record CancelResponse(String requestId, RemoteStatus status, CancelOutcome outcome, JsonNode raw) {

    static CancelResponse from(JsonNode body) {
        return new CancelResponse(ApiJson.text(body, "request_id"), RemoteStatus.parse(ApiJson.text(body, "status")),
                CancelOutcome.parse(ApiJson.text(body, "outcome")), body);
    }
}
