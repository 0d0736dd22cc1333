package app.comfydesk.jobs;

import app.comfydesk.api.SubmitRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to submit and what to remember about it: the target, the request (secrets are sent but never stored), the
 * edits the UI wants back later (e.g. {@code WorkflowEdit.overrides()} plus anything else; nullable, must not hold
 * secrets), the workflow's source name (file name), a short prompt snippet for the job list (both nullable), and
 * the folder its outputs go under ({@code <outputRoot>/<request id>/...}; null = the engine's default), since each
 * settings profile has an output folder of its own. {@code seed} is the seed the request sends (decimal text, so
 * all of 0..2^64-1 fits; null when it has none), shown in the job list and put back by "Use this seed".
 * {@code workflowVersion}: the deployment's workflow version the request was measured against (null when unknown),
 * so a later look can tell the deployment has changed since. {@code group}: the sweep group the job is created in
 * (null: none).
 */
public record JobSubmission(JobTarget target, SubmitRequest request, JsonNode edits, String workflowSource,
                            String promptSnippet, Path outputRoot, String seed, String workflowVersion,
                            JobGroupTag group) {

    /** The same submission recording {@code newSeed} as the seed it sends. */
    public JobSubmission withSeed(String newSeed) {
        return new JobSubmission(target, request, edits, workflowSource, promptSnippet, outputRoot, newSeed,
                workflowVersion, group);
    }

    /** The same submission measured against the deployment's workflow {@code version}. */
    public JobSubmission withWorkflowVersion(String version) {
        return new JobSubmission(target, request, edits, workflowSource, promptSnippet, outputRoot, seed, version,
                group);
    }

    /** The same submission created as a member of sweep group {@code tag}. */
    public JobSubmission withGroup(JobGroupTag tag) {
        return new JobSubmission(target, request, edits, workflowSource, promptSnippet, outputRoot, seed,
                workflowVersion, tag);
    }

    public JobSubmission {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
    }

    public JobSubmission(JobTarget target, SubmitRequest request, JsonNode edits, String workflowSource,
                         String promptSnippet, Path outputRoot, String seed, String workflowVersion) {
        this(target, request, edits, workflowSource, promptSnippet, outputRoot, seed, workflowVersion, null);
    }

    public JobSubmission(JobTarget target, SubmitRequest request, JsonNode edits, String workflowSource,
                         String promptSnippet, Path outputRoot) {
        this(target, request, edits, workflowSource, promptSnippet, outputRoot, null, null);
    }

    public JobSubmission(JobTarget target, SubmitRequest request, JsonNode edits, String workflowSource,
                         String promptSnippet) {
        this(target, request, edits, workflowSource, promptSnippet, null);
    }

    public static JobSubmission of(JobTarget target, SubmitRequest request) {
        return new JobSubmission(target, request, null, null, null, null);
    }
}
