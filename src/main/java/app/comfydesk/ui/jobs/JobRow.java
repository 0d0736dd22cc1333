package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import app.comfydesk.jobs.OutputMark;

/**
 * One job as a table row shows it: a small immutable snapshot, cheap to hold for a few thousand visible rows.
 *
 * @param id            local job id
 * @param requestId     RunComfy's request id, null while submitting
 * @param phase         current state
 * @param queuePosition position in the remote queue while queued, else null
 * @param createdAt     when it was submitted
 * @param startedAt     when it started running, or null
 * @param finishedAt    when it reached a terminal state, or null
 * @param updatedAt     last change, used to keep the newest of two snapshots
 * @param prompt        a prompt snippet (first positive prompt), may be empty
 * @param target        profile / deployment label
 * @param firstOutput   the first downloaded output, or null
 * @param outputCount   how many outputs were saved
 * @param errorSummary  one line of the error for failed jobs, else null
 * @param seed          the seed the job sent (decimal), or null
 * @param marks         its outputs' stars and picks (for the rating filter of rows the store was not asked about)
 * @param instanceId    the GPU instance running (or that ran) it, null while it waits for one
 * @param workflowSource the workflow's name as submitted (searched like the store searches it), or null
 * @param group         its sweep group as the table shows it (the head row's progress), null when in none
 */
public record JobRow(long id, String requestId, JobStatus phase, Integer queuePosition, Instant createdAt,
                     Instant startedAt, Instant finishedAt, Instant updatedAt, String prompt, String target,
                     Path firstOutput, int outputCount, String errorSummary, String seed,
                     List<OutputMark> marks, String instanceId, String workflowSource, JobGroupRow group) {

    public JobRow(long id, String requestId, JobStatus phase, Integer queuePosition, Instant createdAt,
                  Instant startedAt, Instant finishedAt, Instant updatedAt, String prompt, String target,
                  Path firstOutput, int outputCount, String errorSummary, String seed, List<OutputMark> marks,
                  String instanceId, String workflowSource) {
        this(id, requestId, phase, queuePosition, createdAt, startedAt, finishedAt, updatedAt, prompt, target,
                firstOutput, outputCount, errorSummary, seed, marks, instanceId, workflowSource, null);
    }

    /** The same snapshot in {@code newGroup} (null: in none). */
    public JobRow withGroup(JobGroupRow newGroup) {
        return new JobRow(id, requestId, phase, queuePosition, createdAt, startedAt, finishedAt, updatedAt, prompt,
                target, firstOutput, outputCount, errorSummary, seed, marks, instanceId, workflowSource, newGroup);
    }

    public JobRow(long id, String requestId, JobStatus phase, Integer queuePosition, Instant createdAt,
                  Instant startedAt, Instant finishedAt, Instant updatedAt, String prompt, String target,
                  Path firstOutput, int outputCount, String errorSummary, String instanceId) {
        this(id, requestId, phase, queuePosition, createdAt, startedAt, finishedAt, updatedAt, prompt, target,
                firstOutput, outputCount, errorSummary, null, List.of(), instanceId, null);
    }

    public JobRow(long id, String requestId, JobStatus phase, Integer queuePosition, Instant createdAt,
                  Instant startedAt, Instant finishedAt, Instant updatedAt, String prompt, String target,
                  Path firstOutput, int outputCount, String errorSummary, String seed, List<OutputMark> marks,
                  String instanceId) {
        this(id, requestId, phase, queuePosition, createdAt, startedAt, finishedAt, updatedAt, prompt, target,
                firstOutput, outputCount, errorSummary, seed, marks, instanceId, null);
    }

    /** Queued with no instance yet: waiting for a GPU. */
    public boolean waitingForGpu() {
        return phase == JobStatus.QUEUED && (instanceId == null || instanceId.isBlank());
    }

    public JobRow {
        prompt = prompt == null ? "" : prompt;
        target = target == null ? "" : target;
        updatedAt = updatedAt == null ? createdAt : updatedAt;
        marks = marks == null ? List.of() : List.copyOf(marks);
    }

    public JobRow(long id, String requestId, JobStatus phase, Integer queuePosition, Instant createdAt,
                  Instant startedAt, Instant finishedAt, Instant updatedAt, String prompt, String target,
                  Path firstOutput, int outputCount, String errorSummary) {
        this(id, requestId, phase, queuePosition, createdAt, startedAt, finishedAt, updatedAt, prompt, target,
                firstOutput, outputCount, errorSummary, null, List.of(), null, null);
    }

    public JobRow(long id, String requestId, JobStatus phase, Integer queuePosition, Instant createdAt,
                  Instant startedAt, Instant finishedAt, Instant updatedAt, String prompt, String target,
                  Path firstOutput, int outputCount, String errorSummary, String seed, List<OutputMark> marks) {
        this(id, requestId, phase, queuePosition, createdAt, startedAt, finishedAt, updatedAt, prompt, target,
                firstOutput, outputCount, errorSummary, seed, marks, null, null);
    }

    /** Whether the row belongs in {@code query}'s result (for live rows the store has not been asked about). */
    public boolean matches(JobQuery query) {
        return query.matches(phase, marks, requestId, target, prompt, workflowSource);
    }

    /** Wall time from creation to the end, or to {@code now} while the job is still going. */
    public Duration duration(Instant now) {
        if (createdAt == null) {
            return Duration.ZERO;
        }
        // Only a job that is still moving keeps counting; an uncertain submit stopped at its last change.
        Instant end = finishedAt != null ? finishedAt : phase.isActive() ? now : updatedAt;
        Duration duration = Duration.between(createdAt, end);
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /** Time spent running (for the "running 1:14" chip), or null when it never ran. */
    public Duration runningFor(Instant now) {
        if (startedAt == null) {
            return null;
        }
        Duration duration = Duration.between(startedAt, finishedAt != null ? finishedAt : now);
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /** The same snapshot with another last-change time. */
    public JobRow withUpdated(Instant newUpdatedAt) {
        return new JobRow(id, requestId, phase, queuePosition, createdAt, startedAt, finishedAt, newUpdatedAt, prompt,
                target, firstOutput, outputCount, errorSummary, seed, marks, instanceId, workflowSource, group);
    }

    /**
     * What this row, just read from the store, should show over {@code shown}, the snapshot of the same job already
     * there: the newer state, but always this read's sweep group. Engine events know no group, and a read carries
     * the group's latest progress; keeping a newer event's row whole dropped the group, so a folded sweep's row
     * could lose its "12 / 25" until some later read.
     */
    JobRow readOver(JobRow shown) {
        JobRow state = shown != null && isOlderThan(shown) ? shown : this;
        return state.group == group ? state : state.withGroup(group);
    }

    /**
     * True when {@code other} describes the same job at a later moment. Compared in the store's milliseconds: some
     * events carry the clock's finer time, and a change stored in the same millisecond is not older than them.
     */
    boolean isOlderThan(JobRow other) {
        return other != null && other.id == id && updatedAt != null && other.updatedAt != null
                && other.updatedAt.toEpochMilli() > updatedAt.toEpochMilli();
    }
}
