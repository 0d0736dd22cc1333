package app.comfydesk.workflow;

import app.comfydesk.bench.WorkflowSyntheticData;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A synthetic 5,000-node workflow parses, round-trips and yields overrides (timing lives in the benchmark). */
class LargeWorkflowTest {

    @Test
    void fiveThousandNodesParseRoundTripAndProduceOverrides() throws Exception {
        String json = WorkflowSyntheticData.workflow(5_000);
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
