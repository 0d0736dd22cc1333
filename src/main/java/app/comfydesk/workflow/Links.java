package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether an input value is a link. ComfyUI itself treats every {@code [string, number]} pair as a link,
 * but real files also hold literal two-element lists (widget values, coordinates, names), and node ids can be any
 * string. The rule:
 * <ul>
 *   <li>{@code ["<id>", n]} with n a non-negative integer and {@code <id>} a node of this workflow: a link;</li>
 *   <li>the same shape whose id looks like a ComfyUI node id ({@code 12}, {@code 92:9}) but is missing: a broken
 *   link, rejected when reading, because ComfyUI would fail on it and silently sending it as a literal would hide
 *   the real problem (a node deleted before export);</li>
 *   <li>anything else (including {@code ["euler", 0]}): a literal list, kept as written.</li>
 * </ul>
 */
final class Links {

    /** ComfyUI's own ids: numbers, and "outer:inner" for nodes inside subgraphs / group nodes. */
    private static final Pattern COMFY_NODE_ID = Pattern.compile("\\d+(:\\d+)*");

    private Links() {
    }

    static InputValue classify(JsonNode value, Set<String> nodeIds) {
        if (isLinkShape(value) && nodeIds.contains(value.get(0).textValue())) {
            return new InputValue.Link(value.get(0).textValue(), value.get(1).intValue());
        }
        return new InputValue.Literal(value);
    }

    /** True when the value would be a link but its node does not exist. */
    static boolean isBrokenLink(JsonNode value, Set<String> nodeIds) {
        return isLinkShape(value) && !nodeIds.contains(value.get(0).textValue())
                && COMFY_NODE_ID.matcher(value.get(0).textValue()).matches();
    }

    private static boolean isLinkShape(JsonNode value) {
        return value.isArray() && value.size() == 2 && value.get(0).isTextual()
                && value.get(1).isIntegralNumber() && value.get(1).canConvertToInt() && value.get(1).intValue() >= 0;
    }
}
