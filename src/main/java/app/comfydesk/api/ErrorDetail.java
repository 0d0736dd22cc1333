package app.comfydesk.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of an error's {@code detail} (a 422001 names what is wrong): the node and input it is about when it names
 * them (either may be null), the message, and the entry as it came.
 */
public record ErrorDetail(String nodeId, String input, String message, JsonNode raw) {

    /** Every entry of {@code detail}: an array of objects or strings, a single object, or a string. */
    static List<ErrorDetail> parse(JsonNode detail) {
        List<ErrorDetail> out = new ArrayList<>();
        if (detail == null || detail.isNull() || detail.isMissingNode()) {
            return out;
        }
        if (detail.isArray()) {
            for (JsonNode entry : detail) {
                out.add(one(entry));
            }
        } else {
            out.add(one(detail));
        }
        return List.copyOf(out);
    }

    private static ErrorDetail one(JsonNode entry) {
        if (!entry.isObject()) {
            return new ErrorDetail(null, null, entry.isTextual() ? entry.asText() : ApiJson.write(entry), entry);
        }
        String node = first(entry, "node_id", "node", "nodeId");
        String input = first(entry, "input", "input_name", "field", "name");
        JsonNode loc = entry.get("loc");
        if (loc != null && loc.isArray() && node == null) {
            // FastAPI style: ["body", "overrides", "<node id>", "inputs", "<input>"].
            for (int i = 0; i + 1 < loc.size(); i++) {
                String part = loc.get(i).asText();
                if (part.equals("overrides") || part.equals("workflow_api_json")) {
                    node = loc.get(i + 1).asText();
                    if (i + 3 < loc.size() && loc.get(i + 2).asText().equals("inputs")) {
                        input = loc.get(i + 3).asText();
                    }
                    break;
                }
            }
        }
        String message = first(entry, "msg", "message", "error", "reason", "detail");
        return new ErrorDetail(node, input, message == null ? ApiJson.write(entry) : message, entry);
    }

    private static String first(JsonNode entry, String... fields) {
        for (String f : fields) {
            String v = ApiJson.text(entry, f);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** e.g. {@code node 3, input seed: value out of range}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (nodeId != null) {
            b.append("node ").append(nodeId);
        }
        if (input != null) {
            b.append(b.isEmpty() ? "" : ", ").append("input ").append(input);
        }
        return b.isEmpty() ? message : b + ": " + message;
    }
}
