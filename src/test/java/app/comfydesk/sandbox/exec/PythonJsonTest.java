package app.comfydesk.sandbox.exec;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PythonJsonTest {

    @Test
    void parsedNumbersKeepTheirText() throws Exception {
        assertThat(PythonJson.dumps(ExactJson.parse("{\"a\":1e-05,\"b\":0.50,\"c\":18446744073709551615,\"d\":[1.0]}")))
                .isEqualTo("{\"a\": 1e-05, \"b\": 0.50, \"c\": 18446744073709551615, \"d\": [1.0]}");
    }

    @Test
    void binaryFloatsAreWrittenAsPythonWould() {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("denoise", 1e-5).put("cfg", 7.0);
        assertThat(PythonJson.dumps(node)).isEqualTo("{\"denoise\": 1e-05, \"cfg\": 7.0}");
    }

    @ParameterizedTest
    @CsvSource({"0.00001, 1e-05", "0.0001, 0.0001", "1e16, 1e+16", "1e15, 1000000000000000.0", "-2.5e-7, -2.5e-07",
            "123.0, 123.0", "0.1, 0.1", "-0.0, -0.0", "1.5e300, 1.5e+300"})
    void pythonFloatRepr(double value, String python) {
        assertThat(PythonJson.pythonFloat(value)).isEqualTo(python);
    }
}
