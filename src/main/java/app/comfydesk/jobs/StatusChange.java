package app.comfydesk.jobs;

import java.time.Instant;

/**
 * One entry of a job's history: the state it entered, when, an optional note, and — structured, not in the note —
 * the queue position reported then (0 = runs next; null when not queued or not said) and the instance that ran it
 * (null while none has).
 */
public record StatusChange(JobStatus status, Instant at, String note, Integer queuePosition, String instanceId) {

    public StatusChange(JobStatus status, Instant at, String note) {
        this(status, at, note, null, null);
    }
}
