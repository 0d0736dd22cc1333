package app.comfydesk.sandbox.exec;

import app.comfydesk.sandbox.exec.Values.Images;
import app.comfydesk.sandbox.exec.Values.Masks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node being run: its resolved inputs (values from linked nodes, or the literal JSON from the workflow) with
 * typed accessors that fail with a message naming the input and what it must be, as ComfyUI's validation does.
 */
final class NodeCall {

    /** Thrown by accessors; the executor adds the node id and class. */
    static final class InputProblem extends RuntimeException {
        InputProblem(String message) {
            super(message);
        }
    }

    private final String nodeId;
    private final String classType;
    private final Map<String, Object> inputs;
    private final ObjectNode prompt;
    private final ExecutionContext context;
    private final Map<String, Integer> saveCounters;

    NodeCall(String nodeId, String classType, Map<String, Object> inputs, ObjectNode prompt,
             ExecutionContext context, Map<String, Integer> saveCounters) {
        this.nodeId = nodeId;
        this.classType = classType;
        this.inputs = inputs;
        this.prompt = prompt;
        this.context = context;
        this.saveCounters = saveCounters;
    }

    /** The next file counter for this subfolder and prefix within the run (ComfyUI's {@code _00001_}). */
    int nextCounter(String subfolder, String prefix) {
        return saveCounters.merge(subfolder + "/" + prefix, 1, Integer::sum);
    }

    String nodeId() {
        return nodeId;
    }

    String classType() {
        return classType;
    }

    /** The whole workflow as executed, for the PNG {@code prompt} chunk. */
    ObjectNode prompt() {
        return prompt;
    }

    ExecutionContext context() {
        return context;
    }

    boolean has(String name) {
        Object v = inputs.get(name);
        return v != null && !(v instanceof JsonNode j && j.isNull());
    }

    private Object required(String name) {
        Object v = inputs.get(name);
        if (v == null || v instanceof JsonNode j && j.isNull()) {
            throw new InputProblem("required input \"" + name + "\" is missing");
        }
        return v instanceof Values.Primitive p ? p.value() : v;
    }

    Images images(String name) {
        Object v = required(name);
        if (v instanceof Images images) {
            return images;
        }
        throw new InputProblem("input \"" + name + "\" must be linked to an IMAGE output, found " + describe(v));
    }

    Optional<Masks> optionalMasks(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        Object v = required(name);
        if (v instanceof Masks masks) {
            return Optional.of(masks);
        }
        throw new InputProblem("input \"" + name + "\" must be linked to a MASK output, found " + describe(v));
    }

    <T> T linked(String name, Class<T> type, String comfyType) {
        Object v = required(name);
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        throw new InputProblem("input \"" + name + "\" must be linked to a " + comfyType + " output, found "
                + describe(v));
    }

    BigInteger bigInteger(String name) {
        Object v = required(name);
        BigInteger value = null;
        if (v instanceof JsonNode j) {
            if (j.isIntegralNumber()) {
                value = j.bigIntegerValue();
            } else if (j.isNumber()) {
                BigDecimal d = j.decimalValue();
                value = d.stripTrailingZeros().scale() <= 0 ? d.toBigIntegerExact() : null;
            } else if (j.isTextual()) {
                value = parseInteger(j.asText().trim());
            }
        } else if (v instanceof Number n) {
            value = new BigDecimal(n.toString()).toBigInteger();
        }
        if (value == null) {
            throw new InputProblem("input \"" + name + "\" must be a whole number, found " + describe(v));
        }
        return value;
    }

    long integer(String name, long min, long max) {
        BigInteger value = bigInteger(name);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InputProblem("input \"" + name + "\" is " + value + "; it must be between " + min + " and "
                    + max);
        }
        return value.longValueExact();
    }

    int intValue(String name, int min, int max) {
        return (int) integer(name, min, max);
    }

    double number(String name, double min, double max) {
        Object v = required(name);
        Double value = null;
        if (v instanceof JsonNode j && j.isNumber()) {
            value = j.doubleValue();
        } else if (v instanceof JsonNode j && j.isTextual()) {
            try {
                value = Double.parseDouble(j.asText().trim());
            } catch (NumberFormatException e) {
                value = null;
            }
        } else if (v instanceof Number n) {
            value = n.doubleValue();
        }
        if (value == null || value.isNaN()) {
            throw new InputProblem("input \"" + name + "\" must be a number, found " + describe(v));
        }
        if (value < min || value > max) {
            throw new InputProblem("input \"" + name + "\" is " + value + "; it must be between " + min + " and "
                    + max);
        }
        return value;
    }

    String string(String name) {
        Object v = required(name);
        if (v instanceof JsonNode j && (j.isTextual() || j.isNumber() || j.isBoolean())) {
            return j.asText();
        }
        if (v instanceof String s) {
            return s;
        }
        throw new InputProblem("input \"" + name + "\" must be text, found " + describe(v));
    }

    boolean bool(String name) {
        Object v = required(name);
        if (v instanceof JsonNode j && j.isBoolean()) {
            return j.booleanValue();
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new InputProblem("input \"" + name + "\" must be true or false, found " + describe(v));
    }

    String choice(String name, String... allowed) {
        String value = string(name);
        if (Arrays.asList(allowed).contains(value)) {
            return value;
        }
        throw new InputProblem("input \"" + name + "\" is \"" + value + "\"; it must be one of " + List.of(allowed));
    }

    /** Any literal value as text, for loader names that only feed the stand-in picture. */
    String text(String name) {
        if (!has(name)) {
            return "";
        }
        Object v = required(name);
        return v instanceof JsonNode j ? (j.isTextual() ? j.asText() : j.toString()) : String.valueOf(v);
    }

    private static BigInteger parseInteger(String s) {
        try {
            return new BigInteger(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String describe(Object v) {
        if (v instanceof JsonNode j) {
            String text = j.toString();
            return text.length() > 60 ? text.substring(0, 57) + "..." : text;
        }
        if (v instanceof Images) {
            return "an IMAGE";
        }
        if (v instanceof Masks) {
            return "a MASK";
        }
        if (v instanceof Values.Latent) {
            return "a LATENT";
        }
        if (v instanceof Values.Conditioning) {
            return "a CONDITIONING";
        }
        if (v instanceof Values.ModelRef m) {
            return "a " + m.kind();
        }
        return String.valueOf(v);
    }
}
