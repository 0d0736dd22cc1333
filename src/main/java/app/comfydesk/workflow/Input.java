package app.comfydesk.workflow;

import java.util.Objects;

/** One entry of a node's {@code inputs} object, in file order. */
public record Input(String key, InputValue value) {

    public Input {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    public boolean isLink() {
        return value instanceof InputValue.Link;
    }
}
