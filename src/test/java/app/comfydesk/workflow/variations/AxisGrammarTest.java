package app.comfydesk.workflow.variations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.comfydesk.workflow.ComboSpec;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.FloatSpec;
import app.comfydesk.workflow.InputSpec;
import app.comfydesk.workflow.IntSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class AxisGrammarTest {

    private static final IntSpec INT = new IntSpec("steps", false, null, null, null, null, null, null);
    private static final FloatSpec FLOAT = new FloatSpec("cfg", false, null, null, null, null, null, null);
    private static final ComboSpec SAMPLERS = new ComboSpec("sampler_name", false, null, null,
            List.of(TextNode.valueOf("euler"), TextNode.valueOf("dpmpp_2m"), TextNode.valueOf("ddim")), false, null);

    private static List<String> written(String text, InputSpec spec) {
        return AxisGrammar.parse("3.x", text, spec, null, Wildcards.none()).stream()
                .map(v -> ExactJson.write(v.apply(TextNode.valueOf(""))))
                .toList();
    }

    @Test
    void listsAreJsonLiteralsExactlyOrText() {
        assertThat(written("4, 6.50 ,8", null)).containsExactly("4", "6.50", "8");
        assertThat(written("18446744073709551615,true,null", null))
                .containsExactly("18446744073709551615", "true", "null");
        assertThat(written("a red fox, \"a, b\", [1, 2], {\"k\": 1}", null))
                .containsExactly("\"a red fox\"", "\"a, b\"", "[1,2]", "{\"k\":1}");
    }

    @Test
    void rangesWithStepIncludeTheEndWhenReachedAndKeepIntegersIntegers() {
        assertThat(written("20..30:5", INT)).containsExactly("20", "25", "30");
        assertThat(written("1..4", null)).containsExactly("1", "2", "3", "4");
        assertThat(written("1..10:4", INT)).containsExactly("1", "5", "9");
        assertThat(written("10..4:-3", INT)).containsExactly("10", "7", "4");
        assertThat(written("0.1..0.3:0.1", FLOAT)).containsExactly("0.1", "0.2", "0.3");
        assertThat(written("4..8:1.5", FLOAT)).containsExactly("4.0", "5.5", "7.0");
    }

    @Test
    void rangesWithCountSpreadEvenlyAndExactly() {
        assertThat(written("0..10#3", INT)).containsExactly("0", "5", "10");
        assertThat(written("0.5..1#3", FLOAT)).containsExactly("0.5", "0.75", "1.0");
        assertThat(written("4..8#1", null)).containsExactly("4");
        assertThat(written("0..1#4", FLOAT)).containsExactly("0", "0.3333333333333333", "0.6666666666666667", "1");
        assertThat(written("0..10#4", INT)).containsExactly("0", "3", "7", "10");
        assertThat(written("0..10#4", null)).startsWith("0", "3.333333333333333");
    }

    @Test
    void searchAndReplaceKeepsTheFirstWordAsTheFirstCell() {
        List<AxisValue> values = AxisGrammar.parse("6.text", "S/R:fox,cat,owl", null,
                TextNode.valueOf("a fox and another fox"), Wildcards.none());
        assertThat(values).extracting(v -> v.apply(TextNode.valueOf("a fox and another fox")).asText())
                .containsExactly("a fox and another fox", "a cat and another cat", "a owl and another owl");
        assertThat(values).extracting(AxisValue::label).containsExactly("fox", "cat", "owl");
    }

    @Test
    void combosAcceptOnlyTheirOptions() {
        assertThat(written("euler,ddim", SAMPLERS)).containsExactly("\"euler\"", "\"ddim\"");
        assertThatThrownBy(() -> written("euler,eulr", SAMPLERS)).isInstanceOf(VariationException.class)
                .hasMessage("3.x: \"eulr\" is not one of its options (euler, dpmpp_2m, ddim)");
    }

    @Test
    void combinatorialPromptsBecomeAnAxis() {
        assertThat(written("ALL:a {red|green} {fox|owl}", null))
                .containsExactly("\"a red fox\"", "\"a red owl\"", "\"a green fox\"", "\"a green owl\"");
    }

    @Test
    void errorsNameWhatIsWrongInTheText() {
        assertThatThrownBy(() -> written("4,,8", null)).hasMessage(
                "3.x: value 2 is empty (two commas in a row, or a comma at an end)");
        assertThatThrownBy(() -> written("1..5:0", null)).hasMessage(
                "3.x: the step of \"1..5:0\" is 0; use a step such as :1");
        assertThatThrownBy(() -> written("1..5:-1", null)).hasMessage(
                "3.x: \"1..5:-1\" never reaches 5 with step -1; use a positive step");
        assertThatThrownBy(() -> written("1..5#0", null)).hasMessageContaining("the count must be a whole number");
        assertThatThrownBy(() -> written("1..5:x", null)).hasMessageContaining("\"1..5:x\" is not a range");
        assertThatThrownBy(() -> written("1..10:0.5", INT)).hasMessage(
                "3.x takes whole numbers, and \"1..10:0.5\" gives 1.5; use a whole-number step");
        assertThatThrownBy(() -> written("4,six", INT)).hasMessage(
                "3.x takes whole numbers, and \"six\" is not one");
        assertThatThrownBy(() -> written("0..5000", null)).hasMessageContaining("5001 values, more than the 1000");
        assertThatThrownBy(() -> written(" ", null)).hasMessageContaining("3.x: no values");
        assertThatThrownBy(() -> written("\"open", null)).hasMessageContaining("is never closed");
        assertThatThrownBy(() -> AxisGrammar.parse("6.text", "S/R:dog,cat", null, TextNode.valueOf("a fox"),
                Wildcards.none())).hasMessage("6.text: S/R: \"dog\" does not occur in the prompt \"a fox\"; the "
                + "first word must be one the prompt contains");
    }

    @Test
    void literalReadsLikeSet() {
        JsonNode big = AxisGrammar.literal("18446744073709551615");
        assertThat(big.bigIntegerValue().toString()).isEqualTo("18446744073709551615");
        assertThat(AxisGrammar.literal("1.10").toString()).isEqualTo("1.10");
        assertThat(AxisGrammar.literal("a fox").asText()).isEqualTo("a fox");
    }
}
