package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowEditTest {

    private static final String WORKFLOW = """
            {
              "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": ["4", 1]}},
              "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd15.safetensors"}},
              "3": {"class_type": "KSampler", "inputs": {"seed": 18446744073709551615, "steps": 20, "cfg": 7.0,
                    "sampler_name": "euler", "scheduler": "normal", "denoise": 1, "model": ["4", 0],
                    "positive": ["6", 0]}},
              "10": {"class_type": "MyCustom", "inputs": {"strength": 1, "label": "x", "flag": true,
                     "widget": {"__value__": [false, true]}, "small_seed": 5, "seed": 3}}
            }""";

    private final Workflow workflow = read(WORKFLOW);

    private static Workflow read(String json) {
        try {
            return new WorkflowReader().read(json, "w.json").workflow();
        } catch (WorkflowFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return ExactJson.parse(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputRef ref(String node, String key) {
        return new InputRef(node, key);
    }

    @Test
    void overridesHoldOnlyValuesThatDiffer() {
        WorkflowEdit edit = new WorkflowEdit(workflow)
                .with(ref("3", "steps"), json("30"))
                .with(ref("6", "text"), json("\"a dog\""))
                .with(ref("3", "cfg"), json("7"))          // 7 == 7.0: no change
                .with(ref("3", "sampler_name"), json("\"euler\""))
                .with(ref("3", "seed"), json("18446744073709551614"));

        assertThat(ExactJson.write(edit.overrides()))
                .isEqualTo("{\"6\":{\"inputs\":{\"text\":\"a dog\"}},\"3\":{\"inputs\":{\"seed\":18446744073709551614,"
                        + "\"steps\":30}}}");
        assertThat(edit.isChanged(ref("3", "cfg"))).isFalse();
        assertThat(edit.isChanged(ref("3", "steps"))).isTrue();
        assertThat(edit.changes().keySet()).containsExactly(ref("6", "text"), ref("3", "seed"), ref("3", "steps"));
        assertThat(edit.value(ref("3", "cfg")).asText()).isEqualTo("7.0"); // the workflow's own text is kept
        assertThat(edit.value(ref("3", "steps")).intValue()).isEqualTo(30);
        assertThat(edit.value(ref("3", "model")).toString()).isEqualTo("[\"4\",0]");
        assertThat(edit.value(ref("99", "x")).isMissingNode()).isTrue();
        assertThat(edit.validate()).isEmpty();
    }

    @Test
    void settingTheOriginalBackRemovesTheEdit() {
        WorkflowEdit edit = new WorkflowEdit(workflow).with(ref("3", "steps"), json("30"));
        assertThat(edit.with(ref("3", "steps"), json("20.0")).hasChanges()).isFalse();
        assertThat(edit.reset(ref("3", "steps")).hasChanges()).isFalse();
        assertThat(edit.with(ref("6", "text"), json("\"b\"")).resetAll().hasChanges()).isFalse();
        assertThat(edit.reset(ref("6", "text"))).isSameAs(edit);
        // handing a link back as it is is no edit either
        assertThat(new WorkflowEdit(workflow).with(ref("3", "model"), json("[\"4\", 0]")).hasChanges()).isFalse();
    }

    @Test
    void editsAreImmutable() {
        WorkflowEdit empty = new WorkflowEdit(workflow);
        ObjectNode value = (ObjectNode) json("{\"__value__\": [true, true]}");
        WorkflowEdit edited = empty.with(ref("10", "widget"), value);
        value.put("later", 1);
        ((ObjectNode) edited.value(ref("10", "widget"))).put("also", 2);
        edited.overrides().removeAll();

        assertThat(empty.hasChanges()).isFalse();
        assertThat(ExactJson.write(edited.value(ref("10", "widget")))).isEqualTo("{\"__value__\":[true,true]}");
        assertThat(ExactJson.write(edited.overrides())).isEqualTo("{\"10\":{\"inputs\":{\"widget\":{\"__value__\":"
                + "[true,true]}}}}");
    }

    @Test
    void appliedWorkflowIsExactApartFromTheEdits() {
        WorkflowEdit edit = new WorkflowEdit(workflow).with(ref("3", "steps"), ExactJson.number("25"))
                .with(ref("3", "denoise"), ExactJson.number("0.50"));
        String expected = WORKFLOW.replace("\"steps\": 20", "\"steps\": 25")
                .replace("\"denoise\": 1", "\"denoise\": 0.50");
        assertThat(Corpus.tokens(ExactJson.write(edit.appliedWorkflow()))).containsExactlyElementsOf(
                Corpus.tokens(expected));
        assertThat(Corpus.tokens(workflow.toJson())).containsExactlyElementsOf(Corpus.tokens(WORKFLOW));
    }

    @Test
    void validationFindsEveryKindOfProblem() {
        WorkflowEdit edit = new WorkflowEdit(workflow)
                .with(ref("99", "seed"), json("1"))                     // unknown node
                .with(ref("3", "stepz"), json("1"))                     // unknown input
                .with(ref("3", "model"), json("\"x\""))                 // link
                .with(ref("3", "steps"), json("\"many\""))              // wrong type (schema INT)
                .with(ref("3", "cfg"), json("101"))                     // above max 100
                .with(ref("3", "denoise"), json("-0.5"))                // below min 0
                .with(ref("3", "sampler_name"), json("\"my_sampler\"")) // not among options: warning
                .with(ref("6", "text"), json("42"))                     // wrong type (schema STRING)
                .with(ref("3", "seed"), json("1.5"));                   // fraction for INT

        List<ValidationProblem> problems = edit.validate();
        assertThat(problems).extracting(p -> p.ref().toString() + " " + p.severity()).containsExactly(
                "6.text ERROR", "3.seed ERROR", "3.steps ERROR", "3.cfg ERROR", "3.sampler_name WARNING",
                "3.denoise ERROR", "3.model ERROR", "3.stepz ERROR", "99.seed ERROR");
        assertThat(message(problems, "99.seed")).contains("no node \u201c99\u201d");
        assertThat(message(problems, "3.stepz")).contains("KSampler #3 \u203a stepz", "has no input");
        assertThat(message(problems, "3.model")).contains("connected to node 4", "cannot be set");
        assertThat(message(problems, "3.steps")).contains("needs a whole number, not the text \u201cmany\u201d");
        assertThat(message(problems, "3.cfg")).contains("101 is above the maximum 100", "from 0 to 100");
        assertThat(message(problems, "3.denoise")).contains("-0.5 is below the minimum 0");
        assertThat(message(problems, "3.sampler_name")).contains("\u201cmy_sampler\u201d is not one of");
        assertThat(message(problems, "6.text")).contains("needs text, not the number 42");
        assertThat(message(problems, "3.seed")).contains("whole numbers only; 1.5 has a fraction");
        assertThat(edit.hasErrors()).isTrue();
        // links and missing nodes never reach the request
        assertThat(edit.overrides().has("99")).isFalse();
        assertThat(edit.overrides().get("3").get("inputs").has("model")).isFalse();
        assertThat(edit.appliedWorkflow().get("3").get("inputs").get("model").toString()).isEqualTo("[\"4\",0]");
    }

    @Test
    void withoutASchemaTheOriginalTypeIsTheContract() {
        WorkflowEdit edit = new WorkflowEdit(workflow)
                .with(ref("10", "strength"), json("0.75"))   // was 1: maybe a float input, warn only
                .with(ref("10", "label"), json("true"))       // was text
                .with(ref("10", "flag"), json("\"yes\""))     // was boolean
                .with(ref("10", "widget"), json("[1]"))       // objects accept any JSON
                .with(ref("10", "seed"), json("-1"))          // seeds stay in 0..2^64-1
                .with(ref("10", "small_seed"), json("18446744073709551616"));
        List<ValidationProblem> problems = edit.validate();
        assertThat(problems).extracting(p -> p.ref().key() + " " + p.severity()).containsExactly(
                "strength WARNING", "label ERROR", "flag ERROR", "seed ERROR");
        assertThat(message(problems, "10.seed")).contains("below the minimum 0");
    }

    @Test
    void seedsWithinRangeAndNullAreAccepted() {
        WorkflowEdit edit = new WorkflowEdit(workflow)
                .with(ref("3", "seed"), json("0"))
                .with(ref("10", "seed"), json("18446744073709551615"))
                .with(ref("10", "widget"), NullNode.getInstance());
        assertThat(edit.validate()).isEmpty();
    }

    @Test
    void aDeploymentSchemaTightensValidation() throws Exception {
        NodeSchemas schemas = NodeSchemas.parse("{\"KSampler\": {\"input\": {\"required\": {"
                + "\"steps\": [\"INT\", {\"min\": 1, \"max\": 50}]}}}}");
        WorkflowEdit edit = new WorkflowEdit(workflow, schemas).with(ref("3", "steps"), json("60"))
                .with(ref("3", "cfg"), json("200"))
                .with(ref("4", "ckpt_name"), json("7"));
        // The deployment's class replaces the built-in one as a whole (its cfg bounds are unknown, so 200 passes);
        // classes it lacks still fall back to the built-in schema.
        assertThat(edit.validate()).extracting(p -> p.ref().key()).containsExactly("ckpt_name", "steps");
    }

    @Test
    void overridesRoundTripThroughFromOverrides() {
        WorkflowEdit edit = new WorkflowEdit(workflow).with(ref("3", "steps"), json("30"))
                .with(ref("6", "text"), json("\"a dog\""));
        WorkflowEdit reopened = WorkflowEdit.fromOverrides(workflow, null, edit.overrides());
        assertThat(reopened.changes()).isEqualTo(edit.changes());
        assertThat(ExactJson.write(reopened.overrides())).isEqualTo(ExactJson.write(edit.overrides()));
    }

    private static String message(List<ValidationProblem> problems, String ref) {
        return problems.stream().filter(p -> p.ref().toString().equals(ref)).findFirst().orElseThrow().message();
    }
}
