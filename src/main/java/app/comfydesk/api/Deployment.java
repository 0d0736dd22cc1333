package app.comfydesk.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One RunComfy deployment as {@code GET /prod/v2/deployments} describes it. Every field may be null when the server
 * leaves it out; {@code hardware} is the SKU (the first of the array RunComfy sends, e.g. {@code AMPERE_24});
 * {@link #payload()} is there only when asked for with {@code includes=payload}.
 */
public record Deployment(String id, String name, String status, Boolean enabled, String hardware, String workflowId,
                         String workflowVersion, Integer minInstances, Integer maxInstances, Integer queueSize,
                         Integer keepWarmSeconds, String createdAt, String updatedAt, DeploymentPayload payloadOrNull,
                         JsonNode raw) {

    public Optional<DeploymentPayload> payload() {
        return Optional.ofNullable(payloadOrNull);
    }

    /** Reads one entry; a {@code payload} that cannot be read fails with an {@link ApiException} saying why. */
    static Deployment from(JsonNode json) {
        JsonNode hw = json.get("hardware");
        String hardware = hw == null || hw.isNull() ? null
                : hw.isArray() ? (hw.isEmpty() ? null : hw.get(0).asText()) : hw.asText();
        JsonNode enabled = json.get("is_enabled");
        String id = ApiJson.text(json, "id");
        JsonNode payload = json.get("payload");
        return new Deployment(id, ApiJson.text(json, "name"), ApiJson.text(json, "status"),
                enabled == null || enabled.isNull() ? null : enabled.asBoolean(), hardware,
                ApiJson.text(json, "workflow_id"), ApiJson.text(json, "workflow_version"),
                ApiJson.integer(json, "min_instances"), ApiJson.integer(json, "max_instances"),
                ApiJson.integer(json, "queue_size"), ApiJson.integer(json, "keep_warm_duration_in_seconds"),
                ApiJson.text(json, "created_at"), ApiJson.text(json, "updated_at"),
                payload == null || payload.isNull() ? null : DeploymentPayload.from(id, payload), json);
    }
}
