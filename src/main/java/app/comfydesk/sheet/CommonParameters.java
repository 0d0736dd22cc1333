package app.comfydesk.sheet;

import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.InputRef;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines written under a contact sheet's grid: the inputs every cell sends alike (what the sweep held still),
 * from the cells' overrides ({@code {"<id>": {"inputs": {...}}}}). Shared by the command line and the studio.
 */
public final class CommonParameters {

    /** Most lines under a grid (the heading included). */
    public static final int MAX_LINES = 12;

    private CommonParameters() {
    }

    public static List<String> lines(String heading, List<InputRef> swept, List<JsonNode> overrides) {
        List<String> lines = new ArrayList<>();
        lines.add(heading);
        if (overrides.isEmpty()) {
            return lines;
        }
        JsonNode first = overrides.get(0);
        first.fields().forEachRemaining(node -> node.getValue().path("inputs").fields().forEachRemaining(input -> {
            InputRef ref = new InputRef(node.getKey(), input.getKey());
            boolean same = overrides.stream().allMatch(o -> ExactJson.sameValue(
                    o.path(ref.nodeId()).path("inputs").path(ref.key()), input.getValue()));
            if (!swept.contains(ref) && same && lines.size() < MAX_LINES) {
                JsonNode v = input.getValue();
                lines.add(ref + " = " + (v.isTextual() ? v.asText() : ExactJson.write(v)));
            }
        }));
        return lines;
    }
}
