package app.comfydesk.jobs;

import java.time.Instant;

/** One entry of a job's history: the state it entered, when, and an optional note (e.g. queue position). */
public record StatusChange(JobStatus status, Instant at, String note) {
}
