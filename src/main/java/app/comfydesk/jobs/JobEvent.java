package app.comfydesk.jobs;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.CancelOutcome;

/**
 * What happened to a job (or to the engine's connection). Every job event carries the job as now stored, with its
 * outputs but usually without its history ({@link JobStore#find} has it).
 */
public sealed interface JobEvent {

    /** The job's stored state after the event, or null for {@link ConnectionChanged}. */
    Job job();

    /** The server accepted the job; it has a request id. */
    record Submitted(Job job) implements JobEvent {
    }

    /**
     * The submit failed: the job is FAILED when the server certainly did not take it, SUBMISSION_UNCERTAIN when it
     * might have ({@code error} is then a {@code SubmissionUncertainException}).
     */
    record SubmitFailed(Job job, ApiException error) implements JobEvent {
    }

    /** Status, queue position or instance changed. */
    record StatusChanged(Job job, JobStatus previous) implements JobEvent {
    }

    /** One output was saved (or found expired/failed: see {@code output.state()}). */
    record OutputSaved(Job job, JobOutput output) implements JobEvent {
    }

    /** The answer to a cancel: {@code message} is a sentence for the user. */
    record CancelResult(Job job, CancelOutcome outcome, String message) implements JobEvent {
    }

    /** The server purged the job's stored inputs and outputs. */
    record RemoteDeleted(Job job, int deletedObjects, String message) implements JobEvent {
    }

    /** A user action (cancel, delete, ...) failed; {@code error.userMessage()} says why and what to do. */
    record ActionFailed(Job job, String action, ApiException error) implements JobEvent {
    }

    /** The job was removed from the local history. */
    record Forgotten(Job job) implements JobEvent {
    }

    /**
     * The poller lost or regained one API origin ({@code scheme://host:port}); while an origin is offline its jobs
     * back off and only one call at a time probes it. Jobs on other origins are not affected.
     */
    record ConnectionChanged(String origin, boolean online, String message) implements JobEvent {
        @Override
        public Job job() {
            return null;
        }
    }
}
