package app.comfydesk.ui.jobs;

import java.util.EnumSet;
import java.util.Set;

/** The status filter's choices: groups of phases an artist thinks in. */
public enum StatusFilter {
    ALL("All jobs", EnumSet.noneOf(JobPhase.class)),
    ACTIVE("Active", EnumSet.of(JobPhase.SUBMITTING, JobPhase.QUEUED, JobPhase.RUNNING, JobPhase.DOWNLOADING)),
    QUEUED("Queued", EnumSet.of(JobPhase.QUEUED)),
    RUNNING("Running", EnumSet.of(JobPhase.RUNNING, JobPhase.DOWNLOADING)),
    SUCCEEDED("Succeeded", EnumSet.of(JobPhase.SUCCEEDED)),
    FAILED("Failed", EnumSet.of(JobPhase.FAILED)),
    CANCELLED("Cancelled", EnumSet.of(JobPhase.CANCELLED)),
    NEEDS_ATTENTION("Needs attention", EnumSet.of(JobPhase.FAILED, JobPhase.SUBMISSION_UNCERTAIN)),
    EXPIRED("Outputs expired", EnumSet.of(JobPhase.OUTPUTS_EXPIRED));

    private final String label;
    private final Set<JobPhase> phases;

    StatusFilter(String label, Set<JobPhase> phases) {
        this.label = label;
        this.phases = phases;
    }

    public Set<JobPhase> phases() {
        return phases;
    }

    @Override
    public String toString() {
        return label;
    }
}
