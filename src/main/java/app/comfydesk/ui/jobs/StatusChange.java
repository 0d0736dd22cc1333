package app.comfydesk.ui.jobs;

import java.time.Instant;

/** One step of a job's timeline: the state it entered, when, the queue position and instance reported then. */
public record StatusChange(JobPhase phase, Instant at, Integer queuePosition, String note, String instanceId) {

    public StatusChange(JobPhase phase, Instant at, Integer queuePosition, String note) {
        this(phase, at, queuePosition, note, null);
    }
}
