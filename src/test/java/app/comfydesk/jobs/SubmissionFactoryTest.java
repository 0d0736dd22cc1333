package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.NodeSchemas;
import app.comfydesk.workflow.WorkflowEdit;
import app.comfydesk.workflow.WorkflowReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The one request assembly, as the studio, its sweeps and the command line use it. */
class SubmissionFactoryTest {

    private static final JobTarget TARGET = JobTarget.commandLine(
            ApiEndpoint.of("http://127.0.0.1:1", ApiVersion.V1, "d-1"));
    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

    private static WorkflowEdit sample() throws Exception {
        return new WorkflowEdit(new WorkflowReader().read(Path.of("assets/workflows/sample-txt2img.json")).workflow(),
                NodeSchemas.builtIn());
    }

    private static SubmissionFactory factory(WorkflowEdit edit, boolean dynamic, boolean known) {
        SubmissionFactory.Sending sending = new SubmissionFactory.Sending(dynamic, null, "v7", known,
                "http://127.0.0.1:2/hook", true, "comfyui-ORGSECRET");
        return SubmissionFactory.forWorkflow(TARGET, sending, "sample.json", Path.of("out"), edit);
    }

    @Test
    void overridesCarryTheEditTheHookAndTheKeyAndTheJobRemembersSeedSnippetAndVersion() throws Exception {
        WorkflowEdit edit = sample().with(new InputRef("3", "seed"), ExactJson.integer(UINT64_MAX))
                .with(new InputRef("7", "text"), TextNode.valueOf("blurry, ugly"));
        JobSubmission submission = factory(edit, false, true).submission(edit);

        assertThat(submission.request().overridesJson()).isEqualTo(edit.overrides());
        assertThat(submission.request().webhook()).isEqualTo("http://127.0.0.1:2/hook");
        assertThat(submission.request().webhookIntermediateStatus()).isTrue();
        assertThat(submission.request().toJson().toString()).contains("comfyui-ORGSECRET");
        assertThat(submission.edits()).isEqualTo(edit.overrides());
        assertThat(submission.seed()).isEqualTo("18446744073709551615");
        assertThat(submission.workflowVersion()).isEqualTo("v7");
        assertThat(submission.workflowSource()).isEqualTo("sample.json");
        assertThat(submission.outputRoot()).isEqualTo(Path.of("out"));
        // The positive prompt, though only the negative one was edited: what runs is known as a whole.
        assertThat(submission.promptSnippet())
                .isEqualTo("beautiful scenery nature glass bottle landscape, purple galaxy bottle");
    }

    @Test
    void againstAnUnknownStoredWorkflowOnlyAPromptTheRequestSendsIsTheSnippet() throws Exception {
        WorkflowEdit edit = sample().with(new InputRef("7", "text"), TextNode.valueOf("blurry, ugly"));
        assertThat(factory(edit, false, false).submission(edit).promptSnippet()).isEqualTo("blurry, ugly");
        WorkflowEdit untouched = sample();
        assertThat(factory(untouched, false, false).submission(untouched).promptSnippet()).isNull();
    }

    @Test
    void overridesMeasuredByTheCallerAreSentAndKeptAsTheyAre() throws Exception {
        WorkflowEdit edit = sample();
        ObjectNode given = ExactJson.NODES.objectNode();
        given.with("3").with("inputs").put("steps", 31);
        JobSubmission submission = factory(edit, false, true).submission(edit, given);
        assertThat(submission.request().overridesJson()).isEqualTo(given);
        assertThat(submission.edits()).isEqualTo(given);
    }

    @Test
    void theWholeWorkflowIsSentWithoutAStoredVersion() throws Exception {
        WorkflowEdit edit = sample().with(new InputRef("3", "steps"), ExactJson.integer(BigInteger.valueOf(9)));
        JobSubmission submission = factory(edit, true, true).submission(edit);
        assertThat(submission.request().isDynamic()).isTrue();
        assertThat(submission.request().workflowApiJson().path("3").path("inputs").path("steps").asInt()).isEqualTo(9);
        assertThat(submission.workflowVersion()).isNull();
    }
}
