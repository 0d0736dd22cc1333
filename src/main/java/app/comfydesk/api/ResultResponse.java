package app.comfydesk.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Answer to result. {@code outputs} lists every hosted file found under {@code outputs.<node>.<kind>[]} (entries
 * without a URL are skipped); {@code error} is the server's error as it came (object, list or string; null if none).
 */
public record ResultResponse(String requestId, RemoteStatus status, List<OutputFile> outputs, List<OutputText> texts,
                             JsonNode error, String createdAt, String finishedAt, String instanceId, JsonNode raw) {

    /** The strings of one node's {@code text} bucket (nested arrays flattened in order). */
    public record OutputText(String nodeId, List<String> values) {
        public OutputText {
            values = List.copyOf(values);
        }
    }

    public ResultResponse {
        outputs = List.copyOf(outputs);
        texts = List.copyOf(texts);
    }

    /** A short readable form of {@link #error()} for messages, or null. */
    public String errorMessage() {
        return describeError(error);
    }

    static String describeError(JsonNode error) {
        if (error == null || error.isNull() || error.isMissingNode()) {
            return null;
        }
        if (error.isTextual()) {
            return error.asText();
        }
        if (error.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode e : error) {
                String d = describeError(e);
                if (d != null) {
                    parts.add(d);
                }
            }
            return parts.isEmpty() ? null : String.join("; ", parts);
        }
        if (error.isObject()) {
            for (String key : List.of("message", "exception_message", "detail", "error_message", "error")) {
                String d = describeError(error.get(key));
                if (d != null) {
                    String type = ApiJson.text(error, "exception_type");
                    if (type == null) {
                        type = ApiJson.text(error, "error_code");
                    }
                    if (type == null) {
                        type = ApiJson.text(error, "errorCode");
                    }
                    return type != null && !d.contains(type) ? type + ": " + d : d;
                }
            }
            return ApiJson.write(error);
        }
        return error.asText();
    }

    static ResultResponse from(JsonNode body) {
        List<OutputFile> files = new ArrayList<>();
        List<OutputText> texts = new ArrayList<>();
        JsonNode outputs = body.get("outputs");
        if (outputs != null && outputs.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> nodes = outputs.fields(); nodes.hasNext(); ) {
                Map.Entry<String, JsonNode> node = nodes.next();
                if (!node.getValue().isObject()) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> kinds = node.getValue().fields(); kinds.hasNext(); ) {
                    Map.Entry<String, JsonNode> kind = kinds.next();
                    JsonNode list = kind.getValue();
                    if (kind.getKey().equals("text")) {
                        List<String> strings = new ArrayList<>();
                        flatten(list, strings);
                        if (!strings.isEmpty()) {
                            texts.add(new OutputText(node.getKey(), strings));
                        }
                    } else if (list.isObject()) {
                        addFile(files, node.getKey(), kind.getKey(), list);
                    } else if (list.isArray()) {
                        for (JsonNode item : list) {
                            addFile(files, node.getKey(), kind.getKey(), item);
                        }
                    }
                }
            }
        }
        JsonNode error = body.get("error");
        if (error != null && error.isNull()) {
            error = null;
        }
        return new ResultResponse(ApiJson.text(body, "request_id"), RemoteStatus.parse(ApiJson.text(body, "status")),
                files, texts, error, ApiJson.text(body, "created_at"), ApiJson.text(body, "finished_at"),
                ApiJson.text(body, "instance_id"), body);
    }

    private static void flatten(JsonNode node, List<String> into) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                flatten(item, into);
            }
        } else if (node.isTextual()) {
            into.add(node.asText());
        } else if (!node.isNull() && !node.isObject()) {
            into.add(node.asText());
        }
    }

    private static void addFile(List<OutputFile> files, String nodeId, String kind, JsonNode item) {
        if (item.isTextual() && looksLikeUrl(item.asText())) {
            files.add(new OutputFile(nodeId, kind, item.asText(), null, null, null));
            return;
        }
        String url = ApiJson.text(item, "url");
        if (url == null || !looksLikeUrl(url)) {
            return;
        }
        files.add(new OutputFile(nodeId, kind, url, ApiJson.text(item, "filename"), ApiJson.text(item, "subfolder"),
                ApiJson.text(item, "type")));
    }

    private static boolean looksLikeUrl(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("https://") || t.startsWith("http://");
    }
}
