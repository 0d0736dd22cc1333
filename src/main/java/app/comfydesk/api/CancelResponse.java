package app.comfydesk.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Answer to cancel: the outcome and the status the server reported alongside. Some servers send no {@code outcome}
 * and put it in {@code status} ({@code cancellation_requested} or {@code not_cancellable}): the outcome is then read
 * from there, so a refusal is never taken for a cancellation under way.
 */
public record CancelResponse(String requestId, RemoteStatus status, CancelOutcome outcome, JsonNode raw) {

    static CancelResponse from(JsonNode body) {
        CancelOutcome outcome = CancelOutcome.parse(ApiJson.text(body, "outcome"));
        if (outcome == CancelOutcome.UNKNOWN) {
            outcome = CancelOutcome.parse(ApiJson.text(body, "status"));
        }
        return new CancelResponse(ApiJson.text(body, "request_id"), RemoteStatus.parse(ApiJson.text(body, "status")),
                outcome, body);
    }
}
