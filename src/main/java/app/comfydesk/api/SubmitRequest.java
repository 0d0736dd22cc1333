package app.comfydesk.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The body of a submit: either {@code overrides} for the deployment's saved workflow or a whole
 * {@code workflow_api_json} (dynamic mode), plus optional webhook fields and the Comfy Org key for API nodes.
 * Immutable; the JSON given is deep-copied. {@link #toJson()} is what is sent; {@link #toRedactedJson()} is what
 * may be shown or stored. {@link #toString()} never includes the key.
 */
public final class SubmitRequest {

    /** What replaces a secret in previews, logs and the job store. */
    public static final String REDACTED = "<redacted>";

    private static final Set<String> SECRET_FIELDS = Set.of("api_key_comfy_org", "auth_token_comfy_org");

    private final ObjectNode overrides;
    private final ObjectNode workflowApiJson;
    private final String webhook;
    private final boolean webhookIntermediateStatus;
    private final String comfyOrgApiKey;

    private SubmitRequest(ObjectNode overrides, ObjectNode workflowApiJson, String webhook,
                          boolean webhookIntermediateStatus, String comfyOrgApiKey) {
        this.overrides = overrides;
        this.workflowApiJson = workflowApiJson;
        this.webhook = webhook;
        this.webhookIntermediateStatus = webhookIntermediateStatus;
        this.comfyOrgApiKey = comfyOrgApiKey;
    }

    /** Run the deployment's saved workflow with these inputs changed: {@code {"<node id>": {"inputs": {...}}}}. */
    public static SubmitRequest overrides(ObjectNode overrides) {
        return new SubmitRequest(overrides.deepCopy(), null, null, false, null);
    }

    /** Run this whole workflow (API format) instead of the saved one. */
    public static SubmitRequest dynamic(ObjectNode workflowApiJson) {
        return new SubmitRequest(null, workflowApiJson.deepCopy(), null, false, null);
    }

    /** Adds a webhook URL; with {@code intermediateStatus} the server also posts queue/progress changes. */
    public SubmitRequest withWebhook(String url, boolean intermediateStatus) {
        return new SubmitRequest(overrides, workflowApiJson, url == null || url.isBlank() ? null : url.trim(),
                intermediateStatus, comfyOrgApiKey);
    }

    /** Adds the Comfy Org key ({@code comfyui-...}) that API nodes need; null or blank removes it. */
    public SubmitRequest withComfyOrgApiKey(String key) {
        return new SubmitRequest(overrides, workflowApiJson, webhook, webhookIntermediateStatus,
                key == null || key.isBlank() ? null : key.trim());
    }

    public boolean isDynamic() {
        return workflowApiJson != null;
    }

    /** A copy of the overrides, or null in dynamic mode. */
    public ObjectNode overridesJson() {
        return overrides == null ? null : overrides.deepCopy();
    }

    /** A copy of the workflow sent in dynamic mode, or null. */
    public ObjectNode workflowApiJson() {
        return workflowApiJson == null ? null : workflowApiJson.deepCopy();
    }

    public String webhook() {
        return webhook;
    }

    public boolean webhookIntermediateStatus() {
        return webhookIntermediateStatus;
    }

    public boolean hasComfyOrgApiKey() {
        return comfyOrgApiKey != null;
    }

    /**
     * The query string that carries the webhook, as RunComfy recommends ({@code ?webhook=<url-encoded>} and
     * {@code &webhook_intermediate_status=true}), or "" without one.
     */
    public String webhookQuery() {
        if (webhook == null) {
            return "";
        }
        return "?webhook=" + java.net.URLEncoder.encode(webhook, java.nio.charset.StandardCharsets.UTF_8)
                + (webhookIntermediateStatus ? "&webhook_intermediate_status=true" : "");
    }

    /** The exact body to send, secrets included (the webhook goes in {@link #webhookQuery()}). Never log it. */
    public ObjectNode toJson() {
        ObjectNode body = build(false);
        if (comfyOrgApiKey != null) {
            body.putObject("extra_data").put("api_key_comfy_org", comfyOrgApiKey);
        }
        return body;
    }

    /**
     * The request with every secret replaced by {@link #REDACTED}: safe for previews, logs and the job store. It
     * records the webhook fields too (legacy body form) so a stored request can be rebuilt.
     */
    public ObjectNode toRedactedJson() {
        ObjectNode body = build(true);
        if (comfyOrgApiKey != null) {
            body.putObject("extra_data").put("api_key_comfy_org", REDACTED);
        }
        redact(body, comfyOrgApiKey);
        return body;
    }

    private ObjectNode build(boolean withWebhook) {
        ObjectNode body = ApiJson.object();
        if (workflowApiJson != null) {
            body.set("workflow_api_json", workflowApiJson.deepCopy());
        } else {
            body.set("overrides", overrides.deepCopy());
        }
        if (webhook != null && withWebhook) {
            body.put("webhook", webhook);
            if (webhookIntermediateStatus) {
                body.put("webhook_intermediate_status", true);
            }
        }
        return body;
    }

    /** Replaces known secret fields ({@code api_key_comfy_org}, ...) anywhere in {@code node}, in place. */
    public static void redactSecrets(JsonNode node) {
        redact(node, null);
    }

    /** Removes known secret fields anywhere in {@code node} and any copy of {@code secret} inside strings. */
    static void redact(JsonNode node, String secret) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (SECRET_FIELDS.contains(e.getKey()) && e.getValue().isTextual()
                        && !REDACTED.equals(e.getValue().asText())) {
                    e.setValue(TextNode.valueOf(REDACTED));
                } else if (e.getValue().isTextual() && secret != null && e.getValue().asText().contains(secret)) {
                    e.setValue(TextNode.valueOf(e.getValue().asText().replace(secret, REDACTED)));
                } else {
                    redact(e.getValue(), secret);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode v = array.get(i);
                if (v.isTextual() && secret != null && v.asText().contains(secret)) {
                    array.set(i, TextNode.valueOf(v.asText().replace(secret, REDACTED)));
                } else {
                    redact(v, secret);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SubmitRequest" + ApiJson.write(toRedactedJson());
    }
}
