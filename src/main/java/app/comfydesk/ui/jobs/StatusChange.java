package app.comfydesk.ui.jobs;

import java.time.Instant;

/** One step of a job's timeline: the state it entered, when, and the queue position reported then. */
public record StatusChange(JobPhase phase, Instant at, Integer queuePosition, String note) {
}
