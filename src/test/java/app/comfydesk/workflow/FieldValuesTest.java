package app.comfydesk.workflow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldValuesTest {

    @Test
    void numbersStayExactFromTextToJsonAndBack() {
        assertThat(FieldValues.toText(FieldValues.fromText(FieldKind.SEED, " 18446744073709551615 ")))
                .isEqualTo("18446744073709551615");
        assertThat(FieldValues.toText(FieldValues.fromText(FieldKind.FLOAT, "0.50"))).isEqualTo("0.50");
        assertThat(FieldValues.fromText(FieldKind.INT, "20").isInt()).isTrue();
        assertThatThrownBy(() -> FieldValues.fromText(FieldKind.INT, "twenty"))
                .hasMessage("\u201ctwenty\u201d is not a number; enter a whole number such as 20.");
    }

    @Test
    void otherKinds() {
        assertThat(FieldValues.fromText(FieldKind.BOOLEAN, "TRUE").booleanValue()).isTrue();
        assertThatThrownBy(() -> FieldValues.fromText(FieldKind.BOOLEAN, "yes")).hasMessageContaining("true or false");
        assertThat(FieldValues.fromText(FieldKind.TEXT, "  a cat\n").textValue()).isEqualTo("  a cat\n");
        assertThat(FieldValues.fromText(FieldKind.STRING, "20").isTextual()).isTrue();
        assertThat(FieldValues.toText(FieldValues.fromText(FieldKind.JSON, "{\"__value__\": [false, true]}")))
                .isEqualTo("{\"__value__\":[false,true]}");
        assertThatThrownBy(() -> FieldValues.fromText(FieldKind.JSON, "{\"a\": }"))
                .hasMessageContaining("not valid JSON (line 1, column 7)");
        assertThatThrownBy(() -> FieldValues.fromText(FieldKind.LINK, "x")).hasMessageContaining("connected");
        assertThat(FieldValues.toText(ExactJson.NODES.missingNode())).isEmpty();
        assertThat(FieldValues.toText(ExactJson.NODES.nullNode())).isEqualTo("null");
    }
}
