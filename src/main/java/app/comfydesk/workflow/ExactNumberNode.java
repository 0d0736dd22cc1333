package app.comfydesk.workflow;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.NumericNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number that remembers the exact text it was written as. Jackson's own {@code DecimalNode} would write
 * {@code 1e-05} back as {@code 0.00001} and {@code DoubleNode} would round; workflows must come back unchanged, so
 * decimals (and the odd {@code -0}) keep their source text and serialize it verbatim. Plain integers use Jackson's
 * standard nodes, whose text is canonical already.
 */
final class ExactNumberNode extends NumericNode {

    private static final long serialVersionUID = 1L;

    private final String text;
    private final BigDecimal value;
    private final boolean integral;

    ExactNumberNode(String text, BigDecimal value, boolean integral) {
        this.text = text;
        this.value = value;
        this.integral = integral;
    }

    @Override
    public JsonToken asToken() {
        return integral ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
    }

    @Override
    public JsonParser.NumberType numberType() {
        return integral ? JsonParser.NumberType.BIG_INTEGER : JsonParser.NumberType.BIG_DECIMAL;
    }

    @Override
    public boolean isIntegralNumber() {
        return integral;
    }

    @Override
    public boolean isFloatingPointNumber() {
        return !integral;
    }

    @Override
    public boolean isBigDecimal() {
        return !integral;
    }

    @Override
    public boolean isBigInteger() {
        return integral;
    }

    @Override
    public Number numberValue() {
        return integral ? value.toBigInteger() : value;
    }

    @Override
    public int intValue() {
        return value.intValue();
    }

    @Override
    public long longValue() {
        return value.longValue();
    }

    @Override
    public double doubleValue() {
        return value.doubleValue();
    }

    @Override
    public float floatValue() {
        return value.floatValue();
    }

    @Override
    public BigDecimal decimalValue() {
        return value;
    }

    @Override
    public BigInteger bigIntegerValue() {
        return value.toBigInteger();
    }

    @Override
    public boolean canConvertToInt() {
        return value.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
                && value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
    }

    @Override
    public boolean canConvertToLong() {
        return value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }

    @Override
    public boolean canConvertToExactIntegral() {
        return integral || value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** The number exactly as it was written in the source. */
    @Override
    public String asText() {
        return text;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeNumber(text);
    }

    @Override
    public boolean equals(Object o) {
        // Value equality, like Jackson's DecimalNode: 0.50 equals 0.5. Callers that care about text compare asText().
        return o == this || (o instanceof ExactNumberNode other && value.compareTo(other.value) == 0);
    }

    @Override
    public int hashCode() {
        return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
    }
}
