package app.comfydesk.workflow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON reading and writing that never loses a number: integers of any size stay exact, decimals keep the text they
 * were written as ({@code 1e-05}, {@code 0.50}, {@code 1.0}), key order is kept. Use {@link #number(String)} to turn
 * what a user typed into a number node with the same guarantee.
 */
public final class ExactJson {

    /** One factory for everything: object keys keep insertion order (LinkedHashMap), numbers are never coerced. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    // Workflows may embed large strings (base64 images in widget values); the file cap (50 MiB) is the real limit.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(100_000)
                    .maxNestingDepth(2_000)
                    .build())
            .build();

    private ExactJson() {
    }

    /** Parses a whole JSON text; trailing content after the first value is an error. */
    public static JsonNode parse(String json) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return readDocument(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String source cannot fail with plain I/O
        }
    }

    /** Parses UTF-8 (or UTF-16/32, detected by Jackson) bytes; a byte-order mark is allowed. */
    public static JsonNode parse(byte[] json) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return readDocument(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A number node for typed text such as {@code "20"}, {@code "0.50"} or {@code "18446744073709551615"}; the node
     * writes back exactly that text (or its canonical form for integers).
     *
     * @throws NumberFormatException if the text is not a JSON number
     */
    public static JsonNode number(String text) {
        String trimmed = text.strip();
        if (!trimmed.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
            throw new NumberFormatException("not a JSON number: " + text);
        }
        boolean integral = trimmed.indexOf('.') < 0 && trimmed.indexOf('e') < 0 && trimmed.indexOf('E') < 0;
        if (integral && !trimmed.equals("-0")) {
            return integer(new BigInteger(trimmed));
        }
        return new ExactNumberNode(trimmed, new BigDecimal(trimmed), integral);
    }

    /** The smallest standard integer node for the value, so equal integers are equal nodes whatever their size. */
    public static JsonNode integer(BigInteger value) {
        if (value.compareTo(INT_MIN) >= 0 && value.compareTo(INT_MAX) <= 0) {
            return IntNode.valueOf(value.intValue());
        }
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            return LongNode.valueOf(value.longValue());
        }
        return BigIntegerNode.valueOf(value);
    }

    /**
     * Whether two JSON values mean the same thing: numbers compare by exact value (20 equals 20.0 and 0.50 equals 0.5,
     * so retyping a number is not an edit), strings, booleans and null by equality, containers element by element
     * (object key order ignored, as JSON consumers do).
     */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            BigDecimal x = decimal(a);
            BigDecimal y = decimal(b);
            return x != null && y != null ? x.compareTo(y) == 0 : a.equals(b);
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!sameValue(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.getNodeType() == b.getNodeType() && a.equals(b);
    }

    /** The exact value of a number node, or null for NaN/infinite doubles that have none. */
    public static BigDecimal decimal(JsonNode number) {
        if (!number.isNumber()) {
            return null;
        }
        if (number.isIntegralNumber()) {
            return new BigDecimal(number.bigIntegerValue());
        }
        if (number.isDouble() || number.isFloat()) {
            double d = number.doubleValue();
            // Double.toString gives the shortest text that round-trips, i.e. what a user would have typed.
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
        }
        return number.decimalValue();
    }

    /** Compact JSON text; numbers exactly as held. */
    public static String write(JsonNode node) {
        return write(node, false);
    }

    /** Pretty JSON text in the layout ComfyUI uses ({@code "key": value}, two-space indent). */
    public static String writePretty(JsonNode node) {
        return write(node, true);
    }

    private static String write(JsonNode node, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            if (pretty) {
                DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                        .withSeparators(Separators.createDefaultInstance()
                                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
                printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
                printer.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
                gen.setPrettyPrinter(printer);
            }
            writeNode(gen, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // StringWriter does not fail
        }
        return out.toString();
    }

    // Written by hand rather than through an ObjectMapper so no mapper configuration can reformat a number.
    private static void writeNode(JsonGenerator gen, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                gen.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    gen.writeFieldName(e.getKey());
                    writeNode(gen, e.getValue());
                }
                gen.writeEndObject();
            }
            case ARRAY -> {
                gen.writeStartArray();
                for (JsonNode element : node) {
                    writeNode(gen, element);
                }
                gen.writeEndArray();
            }
            case NUMBER -> {
                if (node instanceof ExactNumberNode) {
                    gen.writeNumber(node.asText());
                } else if (node.isIntegralNumber()) {
                    gen.writeNumber(node.bigIntegerValue());
                } else if (node.isBigDecimal()) {
                    gen.writeNumber(node.decimalValue());
                } else {
                    gen.writeNumber(node.doubleValue());
                }
            }
            case STRING -> gen.writeString(node.textValue());
            case BOOLEAN -> gen.writeBoolean(node.booleanValue());
            case NULL, MISSING -> gen.writeNull();
            default -> gen.writeString(node.asText()); // BINARY / POJO never come from parsing
        }
    }

    private static JsonNode readDocument(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new JsonParseException(parser, "the text is empty");
        }
        JsonNode root = readValue(parser, first);
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "unexpected text after the end of the JSON value");
        }
        return root;
    }

    private static JsonNode readValue(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    if (object.has(name)) {
                        throw new DuplicateKeyException(parser, name);
                    }
                    object.set(name, readValue(parser, parser.nextToken()));
                }
                expect(parser, next, JsonToken.END_OBJECT);
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        expect(parser, null, JsonToken.END_ARRAY);
                    }
                    array.add(readValue(parser, next));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT: {
                String text = parser.getText();
                return text.equals("-0") ? new ExactNumberNode(text, BigDecimal.ZERO, true)
                        : integer(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT: {
                String text = parser.getText();
                try {
                    return new ExactNumberNode(text, new BigDecimal(text), false);
                } catch (NumberFormatException e) {
                    throw new JsonParseException(parser, "the number " + text + " is out of range");
                }
            }
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    /**
     * The same key twice in one object. JSON leaves this undefined and most readers keep the last one silently (a
     * second {@code "3"} would replace a KSampler), so every text read here is refused instead, whatever the level.
     * The location is the second occurrence.
     */
    public static final class DuplicateKeyException extends JsonParseException {
        private static final long serialVersionUID = 1L;
        private final String key;

        DuplicateKeyException(JsonParser parser, String key) {
            super(parser, "the key \"" + key + "\" appears twice in the same object", parser.currentTokenLocation());
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new JsonParseException(parser, "expected " + expected + " but found " + actual);
        }
    }
}
