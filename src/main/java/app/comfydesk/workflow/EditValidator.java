package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Judges one edited value against the node's schema, or, without a schema, against the JSON type of the workflow's
 * own value. Messages name the node and input, say what is wrong and what would be right.
 */
final class EditValidator {

    private EditValidator() {
    }

    static void validate(Workflow workflow, NodeSchemas schemas, InputRef ref, JsonNode value,
                         List<ValidationProblem> out) {
        Optional<Node> node = workflow.node(ref.nodeId());
        if (node.isEmpty()) {
            out.add(error(ref, "There is no node \u201c" + ref.nodeId() + "\u201d in this workflow; remove this "
                    + "change or load the workflow it was made for."));
            return;
        }
        String where = where(node.get(), ref.key());
        Optional<Input> input = node.get().input(ref.key());
        if (input.isEmpty()) {
            out.add(error(ref, where + " does not exist: node " + ref.nodeId() + " has no input \u201c" + ref.key()
                    + "\u201d. Overrides may only change inputs the workflow has."));
            return;
        }
        if (input.get().value() instanceof InputValue.Link link) {
            out.add(error(ref, where + " is connected to node " + link.nodeId() + " (output " + link.outputIndex()
                    + "), so it cannot be set to a value. Reset it, or disconnect it in ComfyUI first."));
            return;
        }
        JsonNode original = ((InputValue.Literal) input.get().value()).raw();
        InputSpec spec = schemas.spec(node.get().classType(), ref.key()).orElse(null);
        if (spec != null && fitsOriginal(spec, original)) {
            checkAgainstSpec(ref, where, spec, original, value, out);
        } else {
            // The deployment's workflow is what runs: when no schema (or a contradicting one) says otherwise, the
            // JSON type of its value is the contract.
            checkAgainstOriginal(ref, where, original, value, out);
        }
    }

    /**
     * Unedited choices the loaded object_info does not list (a checkpoint the file names but the deployment may not
     * have): a warning, so the user sees it before sending, not after a failed run.
     */
    static void uneditedChoices(Workflow workflow, NodeSchemas loaded, java.util.Set<InputRef> edited,
                                List<ValidationProblem> out) {
        for (Node node : workflow.nodes()) {
            for (Input input : node.inputs()) {
                InputRef ref = new InputRef(node.id(), input.key());
                if (edited.contains(ref) || !(input.value() instanceof InputValue.Literal literal)) {
                    continue;
                }
                JsonNode value = literal.raw();
                if (loaded.spec(node.classType(), input.key()).orElse(null) instanceof ComboSpec combo
                        && !combo.acceptsAnyValue() && !combo.options().isEmpty() && !value.isContainerNode()
                        && !value.isNull() && !combo.allows(value)) {
                    out.add(new ValidationProblem(ref, Severity.WARNING, where(node, input.key()) + ": "
                            + shortText(value) + " is not one of the " + combo.options().size() + " choices the "
                            + "loaded object_info lists. Pick one of them, or check that the deployment has it."));
                }
            }
        }
    }

    private static void checkAgainstSpec(InputRef ref, String where, InputSpec spec, JsonNode original,
                                         JsonNode value, List<ValidationProblem> out) {
        if (spec instanceof IntSpec intSpec) {
            if (requireType(ref, where, value, value.isNumber(), "a whole number", out)
                    && requireWhole(ref, where, value, Severity.ERROR, out)) {
                BigDecimal max = intSpec.max() == null && Seeds.isSeedName(ref.key())
                        ? new BigDecimal(Seeds.MAX) : toDecimal(intSpec.max());
                BigDecimal min = intSpec.min() == null && Seeds.isSeedName(ref.key())
                        ? BigDecimal.ZERO : toDecimal(intSpec.min());
                checkRange(ref, where, ExactJson.decimal(value), min, max, out);
            }
        } else if (spec instanceof FloatSpec floatSpec) {
            if (requireType(ref, where, value, value.isNumber(), "a number", out)) {
                checkRange(ref, where, ExactJson.decimal(value), floatSpec.min(), floatSpec.max(), out);
            }
        } else if (spec instanceof StringSpec || spec instanceof UploadSpec) {
            requireType(ref, where, value, value.isTextual(), "text", out);
        } else if (spec instanceof BooleanSpec) {
            requireType(ref, where, value, value.isBoolean(), "true or false", out);
        } else if (spec instanceof ComboSpec combo) {
            if (combo.acceptsAnyValue()) {
                checkAgainstOriginal(ref, where, original, value, out); // free text: at least keep the JSON type
            } else if (!combo.allows(value)) {
                out.add(new ValidationProblem(ref, Severity.WARNING, where + ": " + shortText(value) + " is not one of "
                        + "the " + combo.options().size() + " known choices. It will be sent anyway; the deployment "
                        + "may have it (e.g. a model added there)."));
            }
        }
    }

    private static void checkAgainstOriginal(InputRef ref, String where, JsonNode original, JsonNode value,
                                             List<ValidationProblem> out) {
        if (original.isNumber()) {
            if (requireType(ref, where, value, value.isNumber(), "a number", out) && isWhole(original)) {
                if (Seeds.isSeedName(ref.key())) {
                    if (requireWhole(ref, where, value, Severity.ERROR, out)) {
                        checkRange(ref, where, ExactJson.decimal(value), BigDecimal.ZERO, new BigDecimal(Seeds.MAX),
                                out);
                    }
                } else {
                    // Without a schema a whole number in the file may still be a float input (cfg: 8): warn only.
                    requireWhole(ref, where, value, Severity.WARNING, out);
                }
            }
        } else if (original.isTextual()) {
            requireType(ref, where, value, value.isTextual(), "text", out);
        } else if (original.isBoolean()) {
            requireType(ref, where, value, value.isBoolean(), "true or false", out);
        }
        // null, objects and lists: any JSON is accepted, there is nothing to compare with
    }

    /** Whether the workflow's value is of the kind the spec describes; if not, the schema is for another version. */
    static boolean fitsOriginal(InputSpec spec, JsonNode original) {
        if (original.isNull()) {
            return true;
        }
        if (spec instanceof IntSpec || spec instanceof FloatSpec) {
            return original.isNumber();
        }
        if (spec instanceof StringSpec || spec instanceof UploadSpec) {
            return original.isTextual();
        }
        if (spec instanceof BooleanSpec) {
            return original.isBoolean();
        }
        if (spec instanceof ComboSpec combo) {
            return !original.isContainerNode() || combo.allows(original);
        }
        return false; // connections and unknown specs say nothing about literal values
    }

    private static boolean requireType(InputRef ref, String where, JsonNode value, boolean ok, String expected,
                                       List<ValidationProblem> out) {
        if (!ok) {
            out.add(error(ref, where + " needs " + expected + ", not " + describe(value) + "."));
        }
        return ok;
    }

    private static boolean requireWhole(InputRef ref, String where, JsonNode value, Severity severity,
                                        List<ValidationProblem> out) {
        if (isWhole(value)) {
            return true;
        }
        BigDecimal exact = ExactJson.decimal(value);
        String text = exact == null ? value.asText() : exact.toPlainString();
        String message = severity == Severity.ERROR
                ? where + " takes whole numbers only; " + text + " has a fraction. Use e.g. "
                    + (exact == null ? "0" : exact.setScale(0, java.math.RoundingMode.HALF_UP).toPlainString()) + "."
                : where + " held a whole number; check that the node accepts " + text + ".";
        out.add(new ValidationProblem(ref, severity, message));
        return severity != Severity.ERROR;
    }

    private static void checkRange(InputRef ref, String where, BigDecimal value, BigDecimal min, BigDecimal max,
                                   List<ValidationProblem> out) {
        if (value == null) {
            out.add(error(ref, where + " is not a finite number."));
            return;
        }
        boolean low = min != null && value.compareTo(min) < 0;
        boolean high = max != null && value.compareTo(max) > 0;
        if (low || high) {
            String range = min != null && max != null ? "from " + plain(min) + " to " + plain(max)
                    : min != null ? "of at least " + plain(min) : "of at most " + plain(max);
            out.add(error(ref, where + ": " + plain(value) + " is " + (low ? "below the minimum " + plain(min)
                    : "above the maximum " + plain(max)) + ". Enter a value " + range + "."));
        }
    }

    static boolean isWhole(JsonNode number) {
        if (number.isIntegralNumber()) {
            return true;
        }
        BigDecimal exact = ExactJson.decimal(number);
        return exact != null && (exact.signum() == 0 || exact.stripTrailingZeros().scale() <= 0);
    }

    private static BigDecimal toDecimal(BigInteger value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static String where(Node node, String key) {
        return node.displayTitle() + " #" + node.id() + " \u203a " + key;
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case NUMBER -> "the number " + value.asText();
            case STRING -> "the text " + shortText(value);
            case BOOLEAN -> value.asText();
            case NULL -> "null";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> "nothing";
        };
    }

    private static String shortText(JsonNode value) {
        String text = value.isTextual() ? "\u201c" + value.asText() + "\u201d" : ExactJson.write(value);
        return text.length() > 80 ? text.substring(0, 77) + "\u2026" : text;
    }

    private static ValidationProblem error(InputRef ref, String message) {
        return new ValidationProblem(ref, Severity.ERROR, message);
    }
}
