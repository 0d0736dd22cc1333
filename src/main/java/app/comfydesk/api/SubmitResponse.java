package app.comfydesk.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Answer to submit: the request id and the URLs the server offers (nullable). */
public record SubmitResponse(String requestId, String statusUrl, String resultUrl, String cancelUrl, JsonNode raw) {

    static SubmitResponse from(JsonNode body) {
        return new SubmitResponse(ApiJson.text(body, "request_id"), ApiJson.text(body, "status_url"),
                ApiJson.text(body, "result_url"), ApiJson.text(body, "cancel_url"), body);
    }
}
