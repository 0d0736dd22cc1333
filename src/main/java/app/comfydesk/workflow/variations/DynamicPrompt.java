package app.comfydesk.workflow.variations;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt with variants, in the grammar of sd-dynamic-prompts:
 * <ul>
 *   <li>{@code {red|green|blue}} picks one option; options nest ({@code {a {big|small} fox|an owl}}).</li>
 *   <li>{@code {2$$a|b|c}} picks two distinct options joined with ", "; {@code {1-2$$...}} one or two,
 *   {@code {2-$$...}} two or more, {@code {-2$$...}} at most two; {@code {2$$ and $$a|b|c}} joins with " and ".</li>
 *   <li>{@code {0.5::a|2::b}} weights options (default 1); weights only change random picks.</li>
 *   <li>{@code __name__} picks a line of the wildcard {@code name}; lines may hold variants and wildcards too.</li>
 *   <li>{@code \{}, {@code \}}, {@code \|} and {@code \\} are the characters themselves.</li>
 * </ul>
 * Random mode follows a seed: the same text and seed give the same prompt ({@link SplittableRandom} is the same
 * algorithm on every JVM). Combinatorial mode lists every prompt the text can give, in order.
 */
public final class DynamicPrompt {

    /** Deepest nesting of braces, and of wildcards naming wildcards. */
    public static final int MAX_DEPTH = 10;

    private static final Pattern QUANTITY = Pattern.compile("(\\d+)?(-)?(\\d+)?\\$\\$");
    private static final Pattern WEIGHT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)::");
    private static final Pattern WILDCARD_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_/-]*");

    private sealed interface Part permits Text, Variant, Wildcard {
    }

    private record Text(String text) implements Part {
    }

    private record Option(double weight, List<Part> body) {
    }

    private record Variant(int min, int max, String separator, List<Option> options) implements Part {
    }

    private record Wildcard(String name) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private DynamicPrompt(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Parses the text; an unclosed or stray brace is a {@link VariationException} naming its position. */
    public static DynamicPrompt parse(String text) {
        Objects.requireNonNull(text, "text");
        Parser parser = new Parser(text);
        List<Part> parts = parser.template(0);
        if (parser.pos < text.length()) {
            throw new VariationException("The prompt has a " + text.charAt(parser.pos) + " at character "
                    + (parser.pos + 1) + " outside any {...}; write \\" + text.charAt(parser.pos) + " for the "
                    + "character itself");
        }
        return new DynamicPrompt(text, List.copyOf(parts));
    }

    /** Whether the text has variants or wildcards at all (a plain prompt is sent as it is). */
    public static boolean isDynamic(String text) {
        return text.indexOf('{') >= 0 || text.contains("__");
    }

    public String source() {
        return source;
    }

    /** One prompt, chosen by {@code seed}. */
    public String expand(long seed, Wildcards wildcards) {
        return expand(new SplittableRandom(seed), wildcards);
    }

    /** One prompt chosen by a seed of ComfyUI's unsigned 64-bit range (its low 64 bits). */
    public String expand(BigInteger seed, Wildcards wildcards) {
        return expand(seed.longValue(), wildcards);
    }

    public String expand(RandomGenerator random, Wildcards wildcards) {
        StringBuilder out = new StringBuilder();
        expand(parts, random, wildcards, 0, out);
        return out.toString();
    }

    /** Every prompt the text can give, in order (first options first); more than {@code limit} is an error. */
    public List<String> combinations(Wildcards wildcards, int limit) {
        return combinations(parts, wildcards, limit, 0);
    }

    private static void expand(List<Part> parts, RandomGenerator random, Wildcards wildcards, int depth,
                               StringBuilder out) {
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.append(t.text());
            } else if (part instanceof Wildcard w) {
                List<String> lines = wildcards.lines(w.name());
                String line = lines.get(random.nextInt(lines.size()));
                expand(wildcardLine(w, line, depth), random, wildcards, depth + 1, out);
            } else if (part instanceof Variant v) {
                List<Option> left = new ArrayList<>(v.options());
                int low = Math.min(v.min(), left.size());
                int high = Math.min(v.max(), left.size());
                int count = low + random.nextInt(high - low + 1);
                for (int i = 0; i < count; i++) {
                    Option chosen = left.remove(pick(left, random));
                    if (i > 0) {
                        out.append(v.separator());
                    }
                    expand(chosen.body(), random, wildcards, depth, out);
                }
            }
        }
    }

    private static int pick(List<Option> options, RandomGenerator random) {
        double total = 0;
        for (Option o : options) {
            total += o.weight();
        }
        if (total <= 0) {
            return random.nextInt(options.size());
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < options.size(); i++) {
            x -= options.get(i).weight();
            if (x < 0) {
                return i;
            }
        }
        return options.size() - 1;
    }

    private static List<Part> wildcardLine(Wildcard w, String line, int depth) {
        if (depth + 1 > MAX_DEPTH) {
            throw new VariationException("__" + w.name() + "__: wildcards name wildcards more than " + MAX_DEPTH
                    + " deep (does a file name itself?)");
        }
        try {
            return parse(line).parts;
        } catch (VariationException e) {
            throw new VariationException("__" + w.name() + "__: the line \"" + AxisGrammar.abbreviate(line) + "\": "
                    + e.getMessage());
        }
    }

    private static List<String> combinations(List<Part> parts, Wildcards wildcards, int limit, int depth) {
        List<String> result = List.of("");
        for (Part part : parts) {
            List<String> choices;
            if (part instanceof Text t) {
                choices = List.of(t.text());
            } else if (part instanceof Wildcard w) {
                choices = new ArrayList<>();
                for (String line : wildcards.lines(w.name())) {
                    choices.addAll(combinations(wildcardLine(w, line, depth), wildcards, limit, depth + 1));
                    within(choices.size(), limit);
                }
            } else {
                choices = variantCombinations((Variant) part, wildcards, limit, depth);
            }
            result = product(result, choices, "", limit);
        }
        return result;
    }

    private static List<String> variantCombinations(Variant v, Wildcards wildcards, int limit, int depth) {
        int n = v.options().size();
        List<List<String>> each = new ArrayList<>();
        for (Option o : v.options()) {
            each.add(combinations(o.body(), wildcards, limit, depth));
        }
        List<String> all = new ArrayList<>();
        for (int k = Math.min(v.min(), n); k <= Math.min(v.max(), n); k++) {
            int[] chosen = new int[k];
            for (int i = 0; i < k; i++) {
                chosen[i] = i;
            }
            while (true) {
                List<String> joined = k == 0 ? List.of("") : each.get(chosen[0]);
                for (int i = 1; i < k; i++) {
                    joined = product(joined, each.get(chosen[i]), v.separator(), limit);
                }
                all.addAll(joined);
                within(all.size(), limit);
                int i = k - 1;
                while (i >= 0 && chosen[i] == n - k + i) {
                    i--;
                }
                if (i < 0) {
                    break;
                }
                chosen[i]++;
                for (int j = i + 1; j < k; j++) {
                    chosen[j] = chosen[j - 1] + 1;
                }
            }
        }
        return all;
    }

    private static List<String> product(List<String> left, List<String> right, String separator, int limit) {
        within((long) left.size() * right.size(), limit);
        List<String> out = new ArrayList<>(left.size() * right.size());
        for (String a : left) {
            for (String b : right) {
                out.add(a + separator + b);
            }
        }
        return out;
    }

    private static void within(long count, int limit) {
        if (count > limit) {
            throw new VariationException("The prompt has more than " + limit + " combinations, the most one sweep "
                    + "axis may have; use fewer options or random mode");
        }
    }

    /** Recursive descent over the text; {@code pos} is where it stands. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        /** Text up to the end, or inside braces up to the {@code |} or {@code }} that ends the option. */
        List<Part> template(int depth) {
            List<Part> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\\' && pos + 1 < text.length()) {
                    literal.append(text.charAt(pos + 1));
                    pos += 2;
                } else if (c == '{') {
                    flush(literal, parts);
                    parts.add(variant(depth + 1));
                } else if (c == '}' || (c == '|' && depth > 0)) {
                    break;
                } else if (c == '_' && text.startsWith("__", pos) && wildcardAt() != null) {
                    flush(literal, parts);
                    String name = wildcardAt();
                    parts.add(new Wildcard(name));
                    pos += name.length() + 4;
                } else {
                    literal.append(c);
                    pos++;
                }
            }
            flush(literal, parts);
            return parts;
        }

        private String wildcardAt() {
            int end = text.indexOf("__", pos + 2);
            if (end < 0) {
                return null;
            }
            String name = text.substring(pos + 2, end);
            return WILDCARD_NAME.matcher(name).matches() ? name : null;
        }

        private Variant variant(int depth) {
            int open = pos;
            if (depth > MAX_DEPTH) {
                throw new VariationException("The prompt nests {...} more than " + MAX_DEPTH + " deep (at character "
                        + (open + 1) + ")");
            }
            pos++;
            int min = 1;
            int max = 1;
            String separator = ", ";
            Matcher q = QUANTITY.matcher(text).region(pos, text.length());
            if (q.lookingAt() && (q.group(1) != null || q.group(3) != null)) {
                boolean range = q.group(2) != null;
                min = q.group(1) != null ? Integer.parseInt(q.group(1)) : 1;
                max = q.group(3) != null ? Integer.parseInt(q.group(3)) : range ? Integer.MAX_VALUE : min;
                if (!range) {
                    max = min;
                }
                if (min > max) {
                    throw new VariationException("The prompt's {" + q.group() + " at character " + (open + 1)
                            + " asks for at least " + min + " but at most " + max + " options");
                }
                pos = q.end();
                int sepEnd = text.indexOf("$$", pos);
                if (sepEnd >= 0 && noneOf(pos, sepEnd, "{|}")) {
                    separator = text.substring(pos, sepEnd);
                    pos = sepEnd + 2;
                }
            }
            List<Option> options = new ArrayList<>();
            while (true) {
                double weight = 1;
                Matcher w = WEIGHT.matcher(text).region(pos, text.length());
                if (w.lookingAt()) {
                    weight = Double.parseDouble(w.group(1));
                    pos = w.end();
                }
                options.add(new Option(weight, List.copyOf(template(depth))));
                if (pos >= text.length()) {
                    throw new VariationException("The prompt's { at character " + (open + 1) + " is never closed; "
                            + "add a } (or write \\{ for the character itself)");
                }
                char c = text.charAt(pos++);
                if (c == '}') {
                    return new Variant(min, max, separator, List.copyOf(options));
                }
            }
        }

        private boolean noneOf(int from, int to, String chars) {
            for (int i = from; i < to; i++) {
                if (chars.indexOf(text.charAt(i)) >= 0) {
                    return false;
                }
            }
            return true;
        }

        private static void flush(StringBuilder literal, List<Part> parts) {
            if (!literal.isEmpty()) {
                parts.add(new Text(literal.toString()));
                literal.setLength(0);
            }
        }
    }
}
