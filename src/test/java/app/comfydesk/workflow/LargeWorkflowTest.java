package app.comfydesk.workflow;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A synthetic 5,000-node workflow parses, round-trips and yields overrides (timing lives in the benchmark). */
class LargeWorkflowTest {

    /**
     * Chains of loader → encoder → sampler with varied values (huge seeds, exact decimals, objects, literal lists),
     * 5,000 nodes in all. Shared with WorkflowParseBenchmark.
     */
    static String syntheticWorkflow(int nodes) {
        StringBuilder json = new StringBuilder(nodes * 200).append('{');
        for (int i = 0; i < nodes; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("\n\"").append(i).append("\": ");
            switch (i % 4) {
                case 0 -> json.append("{\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": "
                        + "\"model_").append(i).append(".safetensors\"}, \"_meta\": {\"title\": \"Loader ").append(i)
                        .append("\"}}");
                case 1 -> json.append("{\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"prompt ")
                        .append(i).append("\\nline two\", \"clip\": [\"").append(i - 1).append("\", 1]}}");
                case 2 -> json.append("{\"class_type\": \"KSampler\", \"inputs\": {\"seed\": ")
                        .append(new BigInteger("18446744073709551615").subtract(BigInteger.valueOf(i)))
                        .append(", \"steps\": 20, \"cfg\": 7.50, \"denoise\": 1e-05, \"sampler_name\": \"euler\", "
                                + "\"model\": [\"").append(i - 2).append("\", 0], \"positive\": [\"").append(i - 1)
                        .append("\", 0], \"extra\": {\"__value__\": [false, true]}, \"pair\": [\"euler\", 0]}}");
                default -> json.append("{\"class_type\": \"SaveImage\", \"inputs\": {\"filename_prefix\": \"out\", "
                        + "\"images\": [\"").append(i - 1).append("\", 0], \"nothing\": null}}");
            }
        }
        return json.append("\n}").toString();
    }

    @Test
    void fiveThousandNodesParseRoundTripAndProduceOverrides() throws Exception {
        String json = syntheticWorkflow(5_000);
        Workflow workflow = new WorkflowReader().read(json, "synthetic.json").workflow();
        assertThat(workflow.size()).isEqualTo(5_000);
        assertThat(Corpus.tokens(workflow.toCompactJson())).containsExactlyElementsOf(Corpus.tokens(json));

        Map<InputRef, com.fasterxml.jackson.databind.JsonNode> edits = new LinkedHashMap<>();
        for (Node node : workflow.nodes()) {
            if (node.classType().equals("KSampler")) {
                edits.put(node.ref("steps"), ExactJson.number("30"));
                edits.put(node.ref("cfg"), ExactJson.number("7.5")); // same value as 7.50: not an override
            }
        }
        WorkflowEdit edit = new WorkflowEdit(workflow).withAll(edits);
        var overrides = edit.overrides();
        assertThat(overrides.size()).isEqualTo(1_250);
        assertThat(overrides.get("2").toString()).isEqualTo("{\"inputs\":{\"steps\":30}}");
        assertThat(edit.validate()).isEmpty();
        assertThat(edit.appliedWorkflow().get("4998").get("inputs").get("steps").intValue()).isEqualTo(30);
        assertThat(FormFields.describe(workflow, null)).hasSize(5_000);
    }
}
