package app.comfydesk.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * Between what a person types and the JSON a field holds, for the form and the command line alike, so no layer
 * parses numbers through {@code double} (which would turn 18446744073709551615 into 18446744073709552000).
 */
public final class FieldValues {

    private FieldValues() {
    }

    /**
     * The JSON value for text typed into a field of this kind: numbers exactly as typed, booleans from
     * {@code true}/{@code false}, JSON parsed, everything else a string.
     *
     * @throws IllegalArgumentException with a user-facing message when the text does not fit the kind
     */
    public static JsonNode fromText(FieldKind kind, String text) {
        String trimmed = text.strip();
        switch (kind) {
            case INT, SEED, FLOAT -> {
                try {
                    return ExactJson.number(trimmed);
                } catch (NumberFormatException e) {
                    String expected = kind == FieldKind.FLOAT ? "a number such as 7.5" : "a whole number such as 20";
                    throw new IllegalArgumentException("\u201c" + text + "\u201d is not a number; enter " + expected
                            + ".");
                }
            }
            case BOOLEAN -> {
                return switch (trimmed.toLowerCase(Locale.ROOT)) {
                    case "true" -> ExactJson.NODES.booleanNode(true);
                    case "false" -> ExactJson.NODES.booleanNode(false);
                    default -> throw new IllegalArgumentException("\u201c" + text + "\u201d is not true or false.");
                };
            }
            case JSON -> {
                try {
                    return ExactJson.parse(trimmed);
                } catch (JsonProcessingException e) {
                    var at = e.getLocation();
                    throw new IllegalArgumentException("This is not valid JSON"
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                            + "; check quotes, commas and brackets.");
                }
            }
            case LINK -> throw new IllegalArgumentException("This input is connected to another node and has no "
                    + "value to type.");
            default -> {
                return ExactJson.NODES.textNode(text); // TEXT, STRING, COMBO, MEDIA keep the text as typed
            }
        }
    }

    /** What a field shows for a value: strings as they are, numbers as written, anything else as compact JSON. */
    public static String toText(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "";
        }
        return value.isTextual() ? value.textValue() : ExactJson.write(value);
    }
}
