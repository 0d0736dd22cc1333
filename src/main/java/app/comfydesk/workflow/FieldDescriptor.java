package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * One form field: which input, which widget, what the schema says about it (null when nothing does), the
 * workflow's own value (a link as {@code ["id", n]}) and its prompt role.
 */
public record FieldDescriptor(InputRef ref, FieldKind kind, InputSpec spec, JsonNode original, PromptRole role) {

    public FieldDescriptor {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(role, "role");
    }

    public boolean editable() {
        return kind != FieldKind.LINK;
    }
}
