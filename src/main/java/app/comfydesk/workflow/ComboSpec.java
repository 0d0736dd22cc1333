package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A choice among options (old {@code [[...]]} form or {@code ["COMBO", {"options": [...]}]}); options may be of
 * any JSON type. An empty option list means the choices are unknown here (a model list on a machine with no
 * models, or the built-in schema's loaders) and any value is accepted.
 *
 * @param controlAfterGenerate as in {@link IntSpec#controlAfterGenerate()}
 */
public record ComboSpec(String name, boolean optional, String tooltip, JsonNode defaultValue, List<JsonNode> options,
                        boolean multiselect, String controlAfterGenerate) implements InputSpec {

    public ComboSpec {
        options = List.copyOf(options);
    }

    /** No known options: treat as free text. */
    public boolean acceptsAnyValue() {
        return options.isEmpty();
    }

    /** Whether the value is one of the options (numbers compared by value). */
    public boolean allows(JsonNode value) {
        if (acceptsAnyValue()) {
            return true;
        }
        for (JsonNode option : options) {
            if (ExactJson.sameValue(option, value)) {
                return true;
            }
        }
        return false;
    }
}
