package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/** What a node input holds: a link to another node's output, or a literal JSON value kept exactly as written. */
public sealed interface InputValue {

    /** The JSON this value is written as in workflow_api.json. */
    JsonNode toJson();

    /** {@code ["<nodeId>", outputIndex]}: the input is wired to output {@code outputIndex} of node {@code nodeId}. */
    record Link(String nodeId, int outputIndex) implements InputValue {

        public Link {
            Objects.requireNonNull(nodeId, "nodeId");
            if (outputIndex < 0) {
                throw new IllegalArgumentException("output index must not be negative: " + outputIndex);
            }
        }

        @Override
        public JsonNode toJson() {
            return ExactJson.NODES.arrayNode().add(nodeId).add(outputIndex);
        }
    }

    /**
     * A value typed into a widget (or any JSON the file holds: objects, nulls, lists that are not links). The node
     * is handed out as a copy when it is a container, so the workflow stays immutable.
     */
    record Literal(JsonNode value) implements InputValue {

        public Literal {
            Objects.requireNonNull(value, "value (use NullNode for JSON null)");
        }

        @Override
        public JsonNode value() {
            return value.isContainerNode() ? value.deepCopy() : value;
        }

        @Override
        public JsonNode toJson() {
            return value();
        }

        /** The node itself, no copy: for this package's read-only use. */
        JsonNode raw() {
            return value;
        }
    }
}
