package app.comfydesk.ui.jobs;

import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A failed job's error made readable: the message, the node that failed (id and class) and the traceback. The
 * server's error may be an object (ComfyUI's {@code exception_message}/{@code node_id}/{@code node_type}/
 * {@code traceback}, or RunComfy's {@code error_code}/{@code message}/{@code detail}), a list of those, or a string.
 */
public record ErrorReport(String message, String nodeId, String nodeClass, String errorType, String traceback) {

    /** Parses the raw error JSON; text that is not JSON becomes the message itself. */
    public static ErrorReport parse(String rawJson) {
        if (rawJson == null || rawJson.isBlank()) {
            return null;
        }
        try {
            return from(ExactJson.parse(rawJson));
        } catch (java.io.IOException e) {
            return new ErrorReport(rawJson.strip(), null, null, null, null);
        }
    }

    public static ErrorReport from(JsonNode error) {
        if (error == null || error.isNull() || error.isMissingNode()) {
            return null;
        }
        if (error.isTextual()) {
            return new ErrorReport(error.asText(), null, null, null, null);
        }
        if (error.isArray()) {
            List<ErrorReport> parts = new ArrayList<>();
            error.forEach(element -> {
                ErrorReport part = from(element);
                if (part != null) {
                    parts.add(part);
                }
            });
            if (parts.isEmpty()) {
                return null;
            }
            ErrorReport first = parts.get(0);
            if (parts.size() == 1) {
                return first;
            }
            return new ErrorReport(first.message() + " (and " + (parts.size() - 1) + " more)", first.nodeId(),
                    first.nodeClass(), first.errorType(), first.traceback());
        }
        if (error.has("error") && !error.has("message") && !error.has("exception_message")) {
            return from(error.get("error"));
        }
        String message = firstText(error, "exception_message", "message", "detail", "error_message", "error_code");
        if (message == null) {
            message = error.toString();
        }
        String detail = text(error, "detail");
        if (detail != null && !message.contains(detail)) {
            message = message + ": " + detail;
        }
        return new ErrorReport(message.strip(), firstText(error, "node_id", "node"),
                firstText(error, "node_type", "class_type", "node_class"),
                firstText(error, "exception_type", "error_code", "type"), traceback(error.get("traceback")));
    }

    /** One line for the table and notifications. */
    public String summary() {
        String where = nodeId == null ? "" : " (node " + nodeId + (nodeClass == null ? "" : " " + nodeClass) + ")";
        String firstLine = message.lines().findFirst().orElse(message);
        return firstLine + where;
    }

    private static String traceback(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            node.forEach(line -> text.append(line.isTextual() ? line.asText() : line.toString())
                    .append(line.isTextual() && line.asText().endsWith("\n") ? "" : "\n"));
            return text.toString().stripTrailing();
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static String firstText(JsonNode node, String... keys) {
        for (String key : keys) {
            String value = text(node, key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }
}
