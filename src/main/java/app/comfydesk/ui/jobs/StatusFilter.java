package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobStatus;
import java.util.EnumSet;
import java.util.Set;

/** The status filter's choices: groups of phases an artist thinks in. */
public enum StatusFilter {
    ALL("All jobs", EnumSet.noneOf(JobStatus.class)),
    ACTIVE("Active", EnumSet.of(JobStatus.SUBMITTING, JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.DOWNLOADING)),
    QUEUED("Queued", EnumSet.of(JobStatus.QUEUED)),
    RUNNING("Running", EnumSet.of(JobStatus.RUNNING, JobStatus.DOWNLOADING)),
    SUCCEEDED("Succeeded", EnumSet.of(JobStatus.SUCCEEDED)),
    FAILED("Failed", EnumSet.of(JobStatus.FAILED)),
    CANCELLED("Cancelled", EnumSet.of(JobStatus.CANCELLED)),
    NEEDS_ATTENTION("Needs attention", EnumSet.of(JobStatus.FAILED, JobStatus.SUBMISSION_UNCERTAIN)),
    EXPIRED("Outputs expired", EnumSet.of(JobStatus.OUTPUTS_EXPIRED));

    private final String label;
    private final Set<JobStatus> phases;

    StatusFilter(String label, Set<JobStatus> phases) {
        this.label = label;
        this.phases = phases;
    }

    public Set<JobStatus> phases() {
        return phases;
    }

    @Override
    public String toString() {
        return label;
    }
}
