package app.comfydesk.ui.workflow;

import app.comfydesk.api.ApiJson;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.FieldValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Conversions between JSON values and the text shown in editors, exact for every number. */
final class JsonValues {

    static final ObjectMapper MAPPER = ApiJson.mapper();
    static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

    private JsonValues() {
    }

    /** The text to put in a field: strings unquoted, numbers exactly as held, anything else as JSON. */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value instanceof DecimalNode decimal) {
            return decimal.decimalValue().toPlainString();
        }
        return value.isValueNode() ? FieldValues.toText(value) : pretty(value);
    }

    static String pretty(JsonNode value) {
        return ExactJson.writePretty(value);
    }

    /** An integer node of the smallest kind that holds it exactly. */
    static JsonNode integer(BigInteger value) {
        if (value.bitLength() < 32) {
            return IntNode.valueOf(value.intValue());
        }
        if (value.bitLength() < 64) {
            return LongNode.valueOf(value.longValue());
        }
        return BigIntegerNode.valueOf(value);
    }

    static JsonNode decimal(BigDecimal value) {
        return DecimalNode.valueOf(value);
    }

    /** Parses a whole number; null when the text is not one. */
    static BigInteger parseInteger(String text) {
        try {
            return new BigInteger(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static BigDecimal parseDecimal(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static BigInteger integerOf(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return value != null && value.isTextual() ? parseInteger(value.textValue()) : null;
        }
        return value.isIntegralNumber() ? value.bigIntegerValue() : null;
    }

    static BigDecimal decimalOf(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return null;
        }
        return value.decimalValue();
    }
}
