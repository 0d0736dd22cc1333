package app.comfydesk.workflow.variations;

import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Objects;

/** One value along a sweep axis: what it does to the input's current value, and how the grid labels it. */
public sealed interface AxisValue {

    /** The input's value in this cell, given its value in the base edit. */
    JsonNode apply(JsonNode current);

    /** The text on the grid's edge and in the JSON lines. */
    String label();

    /** The value itself (numbers exact, combos and text as given). */
    record Literal(JsonNode value) implements AxisValue {
        public Literal {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public JsonNode apply(JsonNode current) {
            return value.deepCopy();
        }

        @Override
        public String label() {
            return value.isTextual() ? value.asText() : ExactJson.write(value);
        }
    }

    /** Prompt search-and-replace: every occurrence of {@code search} becomes {@code replacement}. */
    record Replace(String search, String replacement) implements AxisValue {
        public Replace {
            Objects.requireNonNull(search, "search");
            Objects.requireNonNull(replacement, "replacement");
        }

        @Override
        public JsonNode apply(JsonNode current) {
            return TextNode.valueOf(current.asText().replace(search, replacement));
        }

        @Override
        public String label() {
            return replacement;
        }
    }
}
