package app.comfydesk.jobs;

import app.comfydesk.api.SubmitRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A job's request as the store keeps it, and the re-run built from it. The store shortens {@code data:} URIs over
 * {@link #MAX_STORED_DATA_URI} characters to their header and size; this class writes that marker and is the only
 * one that recognises it, so nothing outside {@code jobs} searches stored text for it.
 */
final class StoredRequests {

    /** Inline images up to this many characters are kept whole; longer ones only by header and size. */
    static final int MAX_STORED_DATA_URI = 64 * 1024;
    private static final String NOT_STORED = " characters not stored>";

    private StoredRequests() {
    }

    /**
     * The new job a re-run submits: the stored body rebuilt (overrides or dynamic workflow, webhook kept) with the
     * profile's secrets added by {@code withSecrets} (given the profile id; the store never had them), the same
     * edits, workflow name and prompt snippet. Refuses a job without a stored request, or one whose inline image
     * was too large to keep.
     */
    static JobSubmission rerunOf(Job job, BiFunction<String, SubmitRequest, SubmitRequest> withSecrets) {
        SubmitRequest request = withSecrets.apply(job.target().profileId(), requestOf(job));
        return new JobSubmission(job.target(), request, job.edits(), job.workflowSource(), job.promptSnippet());
    }

    /** Rebuilds what was sent from the stored (redacted) body; refuses when an image input was not kept. */
    static SubmitRequest requestOf(Job job) {
        JsonNode body = job.request();
        if (body == null || !body.isObject()) {
            throw new IllegalStateException("Job #" + job.id() + " has no stored request to send again");
        }
        if (isShortened(body)) {
            throw new IllegalStateException("Job #" + job.id() + " sent an image too large to keep in the history: "
                    + "load its edits into the form, drop the image again and submit from there");
        }
        SubmitRequest request = body.has("workflow_api_json")
                ? SubmitRequest.dynamic((ObjectNode) body.get("workflow_api_json"))
                : SubmitRequest.overrides(body.has("overrides") && body.get("overrides").isObject()
                        ? (ObjectNode) body.get("overrides") : JsonNodeFactory.instance.objectNode());
        if (body.hasNonNull("webhook")) {
            request = request.withWebhook(body.get("webhook").asText(),
                    body.path("webhook_intermediate_status").asBoolean(false));
        }
        return request;
    }

    /** Whether the store shortened any inline image of this stored body. */
    static boolean isShortened(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            return text.startsWith("data:") && text.endsWith(NOT_STORED) && text.length() < 300;
        }
        for (JsonNode child : node) {
            if (isShortened(child)) {
                return true;
            }
        }
        return false;
    }

    /** Copies {@code node} with every {@code data:} string longer than 64 KiB shortened to its header and size. */
    static JsonNode abbreviateDataUris(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isLongDataUri(e.getValue())) {
                    e.setValue(TextNode.valueOf(abbreviate(e.getValue().asText())));
                } else {
                    abbreviateDataUris(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (isLongDataUri(array.get(i))) {
                    array.set(i, TextNode.valueOf(abbreviate(array.get(i).asText())));
                } else {
                    abbreviateDataUris(array.get(i));
                }
            }
        }
        return node;
    }

    private static boolean isLongDataUri(JsonNode v) {
        return v.isTextual() && v.asText().length() > MAX_STORED_DATA_URI && v.asText().startsWith("data:");
    }

    private static String abbreviate(String dataUri) {
        int comma = dataUri.indexOf(',');
        String header = comma > 0 && comma < 200 ? dataUri.substring(0, comma + 1) : "data:";
        return header + "<" + (dataUri.length() - header.length()) + NOT_STORED;
    }
}
