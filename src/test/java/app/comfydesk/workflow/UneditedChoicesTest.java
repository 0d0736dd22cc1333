package app.comfydesk.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A file's choice that the loaded object_info does not list is flagged before sending (issue 16, item 10). */
class UneditedChoicesTest {

    private static final String WORKFLOW = """
            {"4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "missing.safetensors"}},
             "5": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "present.safetensors"}}}""";
    private static final String OBJECT_INFO = """
            {"CheckpointLoaderSimple": {"input": {"required": {"ckpt_name": [["present.safetensors",
              "other.safetensors"]]}}, "output": ["MODEL", "CLIP", "VAE"], "name": "CheckpointLoaderSimple"}}""";

    @Test
    void anUnlistedChoiceInTheFileIsAWarningNamingTheInput() throws Exception {
        Workflow workflow = new WorkflowReader().read(WORKFLOW, "test.json").workflow();
        WorkflowEdit edit = new WorkflowEdit(workflow, NodeSchemas.parse(OBJECT_INFO));
        assertThat(edit.validate()).singleElement().satisfies(p -> {
            assertThat(p.ref()).isEqualTo(new InputRef("4", "ckpt_name"));
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("missing.safetensors", "2 choices", "object_info");
        });
        assertThat(edit.hasErrors()).isFalse();
    }

    @Test
    void withoutALoadedObjectInfoNothingIsFlagged() throws Exception {
        Workflow workflow = new WorkflowReader().read(WORKFLOW, "test.json").workflow();
        assertThat(new WorkflowEdit(workflow).validate()).isEmpty();
    }

    @Test
    void anEditedChoiceIsCheckedOnceAsAnEdit() throws Exception {
        Workflow workflow = new WorkflowReader().read(WORKFLOW, "test.json").workflow();
        WorkflowEdit edit = new WorkflowEdit(workflow, NodeSchemas.parse(OBJECT_INFO))
                .with(new InputRef("4", "ckpt_name"), com.fasterxml.jackson.databind.node.TextNode.valueOf(
                        "other.safetensors"));
        assertThat(edit.validate()).isEmpty();
    }
}
