package app.comfydesk.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Answer to delete: how many stored objects were removed (0 is valid: nothing was left). */
public record DeleteResponse(String requestId, String status, Integer deletedObjects, JsonNode raw) {

    static DeleteResponse from(JsonNode body) {
        return new DeleteResponse(ApiJson.text(body, "request_id"), ApiJson.text(body, "status"),
                ApiJson.integer(body, "deleted_objects"), body);
    }
}
