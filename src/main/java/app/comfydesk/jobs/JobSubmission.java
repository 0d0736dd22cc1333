package app.comfydesk.jobs;

import app.comfydesk.api.SubmitRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What to submit and what to remember about it: the target, the request (secrets are sent but never stored), the
 * edits the UI wants back later (e.g. {@code WorkflowEdit.overrides()} plus anything else; nullable, must not hold
 * secrets), the workflow's source name (file name) and a short prompt snippet for the job list (both nullable).
 */
public record JobSubmission(JobTarget target, SubmitRequest request, JsonNode edits, String workflowSource,
                            String promptSnippet) {

    public JobSubmission {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
    }

    public static JobSubmission of(JobTarget target, SubmitRequest request) {
        return new JobSubmission(target, request, null, null, null);
    }
}
