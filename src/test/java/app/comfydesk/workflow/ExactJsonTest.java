package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExactJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"1e-05", "0.50", "1.0", "-0.0", "2e6", "1E+10", "0.1", "3.14159265358979323846264338",
        "18446744073709551615", "18446744073709551616", "-9223372036854775809", "9223372036854776000", "-0",
        "1.8446744073709552e+19", "0"})
    void numbersComeBackAsWritten(String number) throws Exception {
        String json = "{\"a\":" + number + ",\"b\":[" + number + "]}";
        JsonNode tree = ExactJson.parse(json);

        assertThat(ExactJson.write(tree)).isEqualTo(json);
        // ...also through a plain ObjectMapper of another layer, and JsonNode.toString()
        assertThat(new ObjectMapper().writeValueAsString(tree)).isEqualTo(json);
        assertThat(tree.toString()).isEqualTo(json);
    }

    @Test
    void integersUseTheSmallestStandardNodeSoEqualValuesAreEqualNodes() throws Exception {
        JsonNode tree = ExactJson.parse("[7, 9007199254740993, 18446744073709551615]");
        assertThat(tree.get(0)).isInstanceOf(IntNode.class);
        assertThat(tree.get(1)).isInstanceOf(LongNode.class);
        assertThat(tree.get(1).longValue()).isEqualTo(9007199254740993L); // beyond double precision, still exact
        assertThat(tree.get(2)).isInstanceOf(BigIntegerNode.class);
        assertThat(tree.get(2).bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(ExactJson.number("7")).isEqualTo(tree.get(0));
    }

    @Test
    void decimalsKeepTheirValueForCalculation() throws Exception {
        JsonNode tiny = ExactJson.parse("1e-05");
        assertThat(tiny.isFloatingPointNumber()).isTrue();
        assertThat(tiny.decimalValue()).isEqualByComparingTo("0.00001");
        assertThat(tiny.doubleValue()).isEqualTo(1e-05);
        assertThat(tiny.asText()).isEqualTo("1e-05");
    }

    @Test
    void keyOrderIsKept() throws Exception {
        String json = "{\"z\":1,\"a\":2,\"m\":{\"y\":null,\"b\":true}}";
        assertThat(ExactJson.write(ExactJson.parse(json))).isEqualTo(json);
    }

    @Test
    void prettyOutputUsesComfyUisLayout() throws Exception {
        assertThat(ExactJson.writePretty(ExactJson.parse("{\"a\":[1,2.50]}")))
                .isEqualTo("{\n  \"a\": [\n    1,\n    2.50\n  ]\n}");
    }

    @Test
    void numberParsesTypedTextExactly() {
        assertThat(ExactJson.number("0.50").asText()).isEqualTo("0.50");
        assertThat(ExactJson.write(ExactJson.number(" 18446744073709551615 "))).isEqualTo("18446744073709551615");
        assertThatThrownBy(() -> ExactJson.number("1,5")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> ExactJson.number("NaN")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> ExactJson.number(".5")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void sameValueComparesNumbersByExactValue() throws Exception {
        assertThat(ExactJson.sameValue(ExactJson.number("20"), ExactJson.number("20.0"))).isTrue();
        assertThat(ExactJson.sameValue(ExactJson.number("0.5"), ExactJson.number("0.50"))).isTrue();
        assertThat(ExactJson.sameValue(ExactJson.number("18446744073709551615"),
                ExactJson.number("18446744073709551614"))).isFalse();
        assertThat(ExactJson.sameValue(ExactJson.number("0.1"), ExactJson.NODES.numberNode(0.1))).isTrue();
        assertThat(ExactJson.sameValue(ExactJson.number("1"), TextNode.valueOf("1"))).isFalse();
        assertThat(ExactJson.sameValue(ExactJson.parse("{\"a\":1,\"b\":[2.0]}"),
                ExactJson.parse("{\"b\":[2],\"a\":1}"))).isTrue();
        assertThat(ExactJson.sameValue(ExactJson.parse("[1,2]"), ExactJson.parse("[2,1]"))).isFalse();
    }

    @Test
    void trailingTextAndEmptyInputAreErrors() {
        assertThatThrownBy(() -> ExactJson.parse("{} {}")).hasMessageContaining("after the end");
        assertThatThrownBy(() -> ExactJson.parse("  ")).hasMessageContaining("empty");
    }
}
