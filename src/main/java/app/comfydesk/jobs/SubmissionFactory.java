package app.comfydesk.jobs;

import app.comfydesk.api.SubmitRequest;
import app.comfydesk.workflow.FieldDescriptor;
import app.comfydesk.workflow.FieldKind;
import app.comfydesk.workflow.FieldValues;
import app.comfydesk.workflow.FormFields;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.OverridesBaseline;
import app.comfydesk.workflow.Seeds;
import app.comfydesk.workflow.WorkflowEdit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The one request assembly: what Generate, each run of a batch, each cell of a sweep and the command line send for
 * an edit, and what the job remembers of it (edits, workflow name, prompt snippet, seed, workflow version). Built
 * once per submission from what the caller read (on the FX thread in the studio); it holds no state of its own and
 * may run on any thread. Re-runs are rebuilt from the stored request instead ({@link JobEngine#rerun}).
 *
 * @param target     where the jobs go; null for a factory that only builds requests (the studio's preview)
 * @param sending    how requests are sent
 * @param source     the workflow's name (file name) the job list shows; nullable
 * @param outputRoot the folder outputs go under; null = the engine's default
 * @param prompts    the workflow's prompt fields, positive first: the snippet is cut from the first one sent
 */
public record SubmissionFactory(JobTarget target, Sending sending, String source, Path outputRoot,
                                List<FieldDescriptor> prompts) {

    /**
     * How requests are sent.
     *
     * @param dynamic             send the whole workflow (v2 dynamic) instead of overrides
     * @param measured            the deployment's stored workflow the overrides are measured against, or null to
     *                            send the edit's own overrides (against the file it was opened from)
     * @param measuredVersion     that stored workflow's version, or null when unknown
     * @param baselineKnown       whether what the deployment runs is known as a whole (dynamic, or its stored
     *                            workflow is known): if not, a prompt the request leaves out is the deployment's own
     * @param webhookUrl          nullable
     * @param webhookIntermediate whether the webhook also hears intermediate states
     * @param comfyOrgKey         the Comfy Org API key to send (never stored), or null
     */
    public record Sending(boolean dynamic, OverridesBaseline measured, String measuredVersion, boolean baselineKnown,
                          String webhookUrl, boolean webhookIntermediate, String comfyOrgKey) {
    }

    public SubmissionFactory {
        Objects.requireNonNull(sending, "sending");
        prompts = prompts.stream().filter(field -> field.kind() == FieldKind.TEXT)
                .sorted(Comparator.comparing(FieldDescriptor::role)).toList();
    }

    /** A factory whose prompt fields are read from {@code edit}'s workflow and schemas (the command line's case). */
    public static SubmissionFactory forWorkflow(JobTarget target, Sending sending, String source, Path outputRoot,
                                                WorkflowEdit edit) {
        return new SubmissionFactory(target, sending, source, outputRoot, FormFields.describe(edit.workflow(),
                edit.schemas()).values().stream().flatMap(Collection::stream).toList());
    }

    /**
     * The request for {@code edit}: its overrides measured against the stored workflow (or its own against the
     * file), or the whole applied workflow; webhook and key added. Throws IllegalArgumentException (with the
     * mismatch in words) when the edit's workflow no longer matches the stored one.
     */
    public SubmitRequest request(WorkflowEdit edit) {
        if (sending.dynamic()) {
            return finish(SubmitRequest.dynamic(edit.appliedWorkflow()));
        }
        try {
            return finish(SubmitRequest.overrides(sending.measured() == null ? edit.overrides()
                    : sending.measured().overridesFor(edit)));
        } catch (OverridesBaseline.Mismatch e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The request sending {@code overrides} as they are (measured by the caller), or the whole applied workflow. */
    public SubmitRequest request(WorkflowEdit edit, ObjectNode overrides) {
        return finish(sending.dynamic() ? SubmitRequest.dynamic(edit.appliedWorkflow())
                : SubmitRequest.overrides(overrides));
    }

    /** What to submit for {@code edit}: {@link #request(WorkflowEdit)}, remembering the edit's own overrides. */
    public JobSubmission submission(WorkflowEdit edit) {
        return submission(edit, request(edit), edit.overrides());
    }

    /** What to submit for {@code edit} sending {@code overrides} as they are; they are also what the job keeps. */
    public JobSubmission submission(WorkflowEdit edit, ObjectNode overrides) {
        return submission(edit, request(edit, overrides), overrides);
    }

    private JobSubmission submission(WorkflowEdit edit, SubmitRequest request, JsonNode edits) {
        return new JobSubmission(target, request, edits, source, promptSnippet(edit, request), outputRoot,
                seedOf(edit), sending.dynamic() ? null : sending.measuredVersion());
    }

    private SubmitRequest finish(SubmitRequest request) {
        SubmitRequest sent = request;
        if (sending.webhookUrl() != null) {
            sent = sent.withWebhook(sending.webhookUrl(), sending.webhookIntermediate());
        }
        return sending.comfyOrgKey() == null ? sent : sent.withComfyOrgApiKey(sending.comfyOrgKey());
    }

    /**
     * The first positive prompt (or any prompt), shortened, so the job list can say what a job was: what the
     * request makes the deployment run. Against an unknown stored workflow a prompt the request leaves out is the
     * deployment's own, which is not known here, so it is not shown as if it were sent.
     */
    String promptSnippet(WorkflowEdit edit, SubmitRequest request) {
        JsonNode overrides = request.overridesJson() == null ? MissingNode.getInstance() : request.overridesJson();
        return prompts.stream()
                .filter(field -> sending.baselineKnown()
                        || overrides.path(field.ref().nodeId()).path("inputs").has(field.ref().key()))
                .map(field -> edit.value(field.ref()))
                .map(value -> value.isValueNode() && !value.isNull() ? FieldValues.toText(value).strip() : "")
                .filter(text -> !text.isEmpty())
                .findFirst()
                .map(PromptSnippet::of)
                .orElse(null);
    }

    /** The seed the edit sends (its first seed input's integer, as decimal text), or null when it has none. */
    public static String seedOf(WorkflowEdit edit) {
        for (InputRef ref : Seeds.find(edit.workflow(), edit.schemas())) {
            JsonNode value = edit.value(ref);
            if (value.isIntegralNumber()) {
                return value.bigIntegerValue().toString();
            }
        }
        return null;
    }
}
