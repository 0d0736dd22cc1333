package app.comfydesk.workflow.variations;

import app.comfydesk.workflow.ComboSpec;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.FloatSpec;
import app.comfydesk.workflow.InputSpec;
import app.comfydesk.workflow.IntSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The text of one sweep axis, as typed after {@code NODE.INPUT=} on the command line or in the sweep editor:
 * <ul>
 *   <li>{@code a,b,c}: a list; each item is a JSON literal when it parses as one (numbers exact), else text, as
 *   {@code --set} reads values. Commas inside {@code "..."}, {@code [...]} or {@code {...}} do not split.</li>
 *   <li>{@code from..to:step} and {@code from..to#count}: a numeric range, both ends included when reached, exact
 *   decimals; integers stay integers (a count that falls between integers gives decimals, rounded for an INT
 *   input).</li>
 *   <li>{@code S/R:fox,cat,owl}: search and replace in the input's text; the first word is replaced by each item,
 *   itself included, so the first cell is the prompt as it is.</li>
 *   <li>{@code ALL:text}: every combination of the dynamic prompt {@code text} (see {@link DynamicPrompt}).</li>
 * </ul>
 * Combo inputs accept only their options; INT and FLOAT inputs only numbers.
 */
public final class AxisGrammar {

    /** Most values one axis may have. */
    public static final int MAX_VALUES = 1000;

    private static final String NUMBER = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?";
    private static final Pattern RANGE = Pattern.compile("\\s*(" + NUMBER + ")\\s*\\.\\.\\s*(" + NUMBER
            + ")\\s*(?:([:#])\\s*(" + NUMBER + "))?\\s*");
    private static final Pattern LOOKS_LIKE_RANGE = Pattern.compile("\\s*[+-]?[\\d.]+\\s*\\.\\..*");

    private AxisGrammar() {
    }

    /**
     * The values of an axis. {@code name} is how messages name the input (e.g. {@code 3.cfg}); {@code spec} may be
     * null (no schema); {@code current} is the input's value in the base edit (for S/R), may be null.
     */
    public static List<AxisValue> parse(String name, String text, InputSpec spec, JsonNode current,
                                        Wildcards wildcards) {
        if (text == null || text.isBlank()) {
            throw new VariationException(name + ": no values; write a list (a,b,c), a range (1..10:1 or 1..10#5) "
                    + "or S/R:word,other");
        }
        List<AxisValue> values;
        if (text.startsWith("S/R:")) {
            values = searchReplace(name, text.substring(4), current);
        } else if (text.startsWith("ALL:")) {
            values = new ArrayList<>();
            for (String expanded : DynamicPrompt.parse(text.substring(4)).combinations(wildcards, MAX_VALUES)) {
                values.add(new AxisValue.Literal(TextNode.valueOf(expanded)));
            }
        } else if (LOOKS_LIKE_RANGE.matcher(text).matches()) {
            values = range(name, text, spec);
        } else {
            values = new ArrayList<>();
            for (String item : split(name, text)) {
                values.add(new AxisValue.Literal(literal(item)));
            }
        }
        check(name, values, spec);
        return List.copyOf(values);
    }

    /** A JSON literal when the text parses as one (numbers exact), else the text itself; as {@code --set} reads. */
    public static JsonNode literal(String value) {
        try {
            JsonNode parsed = ExactJson.parse(value);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(value) : parsed;
        } catch (IOException | RuntimeException e) {
            return TextNode.valueOf(value);
        }
    }

    private static List<AxisValue> searchReplace(String name, String text, JsonNode current) {
        List<String> words = split(name, text);
        String search = words.get(0);
        if (current != null && !current.isTextual()) {
            throw new VariationException(name + ": S/R works on text, and this input holds " + ExactJson.write(current));
        }
        if (current != null && !current.asText().contains(search)) {
            throw new VariationException(name + ": S/R: \"" + search + "\" does not occur in the prompt \""
                    + abbreviate(current.asText()) + "\"; the first word must be one the prompt contains");
        }
        List<AxisValue> values = new ArrayList<>();
        for (String word : words) {
            values.add(new AxisValue.Replace(search, word));
        }
        return values;
    }

    private static List<AxisValue> range(String name, String text, InputSpec spec) {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new VariationException(name + ": \"" + text + "\" is not a range; write from..to:step (e.g. "
                    + "4..8:2) or from..to#count (e.g. 0.5..1#3)");
        }
        BigDecimal from = new BigDecimal(m.group(1));
        BigDecimal to = new BigDecimal(m.group(2));
        boolean ints = isIntegerText(m.group(1)) && isIntegerText(m.group(2));
        boolean intInput = spec instanceof IntSpec;
        List<BigDecimal> numbers = new ArrayList<>();
        if ("#".equals(m.group(3))) {
            if (!isIntegerText(m.group(4)) || new BigDecimal(m.group(4)).signum() <= 0) {
                throw new VariationException(name + ": \"#" + m.group(4) + "\": the count must be a whole number of "
                        + "at least 1");
            }
            int count = countWithin(name, new BigDecimal(m.group(4)));
            BigDecimal span = to.subtract(from);
            for (int i = 0; i < count; i++) {
                BigDecimal v = count == 1 ? from : from.add(span.multiply(BigDecimal.valueOf(i))
                        .divide(BigDecimal.valueOf(count - 1L), MathContext.DECIMAL64));
                numbers.add(v);
            }
            boolean allIntegral = numbers.stream().allMatch(v -> v.stripTrailingZeros().scale() <= 0);
            ints = ints && allIntegral || intInput;
            if (ints) {
                numbers.replaceAll(v -> v.setScale(0, RoundingMode.HALF_EVEN));
            } else {
                int scale = Math.max(from.scale(), to.scale());
                numbers.replaceAll(v -> {
                    BigDecimal stripped = v.stripTrailingZeros();
                    return stripped.scale() < scale ? stripped.setScale(scale) : stripped;
                });
            }
        } else {
            BigDecimal step = m.group(4) == null ? BigDecimal.ONE : new BigDecimal(m.group(4));
            ints = ints && (m.group(4) == null || isIntegerText(m.group(4)));
            if (step.signum() == 0) {
                throw new VariationException(name + ": the step of \"" + text + "\" is 0; use a step such as :1");
            }
            int direction = to.compareTo(from);
            if (direction != 0 && direction != step.signum()) {
                throw new VariationException(name + ": \"" + text + "\" never reaches " + to.toPlainString()
                        + " with step " + step.toPlainString() + "; use a " + (direction < 0 ? "negative" : "positive")
                        + " step");
            }
            BigDecimal distance = to.subtract(from).abs();
            BigDecimal steps = distance.divide(step.abs(), 0, RoundingMode.FLOOR);
            int count = countWithin(name, steps.add(BigDecimal.ONE));
            for (int i = 0; i < count; i++) {
                numbers.add(from.add(step.multiply(BigDecimal.valueOf(i))));
            }
        }
        List<AxisValue> values = new ArrayList<>();
        for (BigDecimal v : numbers) {
            if (intInput && v.stripTrailingZeros().scale() > 0) {
                throw new VariationException(name + " takes whole numbers, and \"" + text + "\" gives "
                        + v.toPlainString() + "; use a whole-number step");
            }
            String written = ints || intInput ? v.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
                    : v.toPlainString();
            values.add(new AxisValue.Literal(ExactJson.number(written)));
        }
        return values;
    }

    private static int countWithin(String name, BigDecimal count) {
        if (count.compareTo(BigDecimal.valueOf(MAX_VALUES)) > 0) {
            throw new VariationException(name + ": the range has " + count.toPlainString() + " values, more than "
                    + "the " + MAX_VALUES + " one axis may have; use a larger step or a smaller count");
        }
        return count.intValueExact();
    }

    private static boolean isIntegerText(String text) {
        return text.matches("[+-]?\\d+");
    }

    /** Splits at top-level commas; items are trimmed and must not be empty. */
    static List<String> split(String name, String text) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < text.length()) {
                    item.append(c).append(text.charAt(++i));
                    continue;
                }
                quoted = c != '"';
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(item(name, item, items.size()));
                item.setLength(0);
                continue;
            }
            item.append(c);
        }
        if (quoted) {
            throw new VariationException(name + ": a quote in \"" + abbreviate(text) + "\" is never closed");
        }
        items.add(item(name, item, items.size()));
        if (items.size() > MAX_VALUES) {
            throw new VariationException(name + ": " + items.size() + " values, more than the " + MAX_VALUES
                    + " one axis may have");
        }
        return items;
    }

    private static String item(String name, StringBuilder item, int index) {
        String trimmed = item.toString().strip();
        if (trimmed.isEmpty()) {
            throw new VariationException(name + ": value " + (index + 1) + " is empty (two commas in a row, or a "
                    + "comma at an end)");
        }
        return trimmed;
    }

    private static void check(String name, List<AxisValue> values, InputSpec spec) {
        for (AxisValue value : values) {
            if (!(value instanceof AxisValue.Literal literal)) {
                continue;
            }
            JsonNode v = literal.value();
            if (spec instanceof ComboSpec combo && !combo.allows(v)) {
                String options = combo.options().stream().limit(12).map(o -> o.isTextual() ? o.asText()
                        : ExactJson.write(o)).collect(Collectors.joining(", "));
                throw new VariationException(name + ": \"" + value.label() + "\" is not one of its options ("
                        + options + (combo.options().size() > 12 ? ", ..." : "") + ")");
            }
            if (spec instanceof IntSpec && !v.isIntegralNumber()) {
                throw new VariationException(name + " takes whole numbers, and \"" + value.label() + "\" is not one");
            }
            if (spec instanceof FloatSpec && !v.isNumber()) {
                throw new VariationException(name + " takes numbers, and \"" + value.label() + "\" is not one");
            }
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
