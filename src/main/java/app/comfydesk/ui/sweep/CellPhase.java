package app.comfydesk.ui.sweep;

import app.comfydesk.jobs.JobStatus;

/** Where one cell of a sweep is, as the grid shows it. */
public enum CellPhase {
    WAITING("waiting"),
    SUBMITTING("sending"),
    QUEUED("queued"),
    RUNNING("running"),
    SUCCEEDED("done"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String text;

    CellPhase(String text) {
        this.text = text;
    }

    /** The phase of a cell whose job has {@code status}. */
    public static CellPhase of(JobStatus status) {
        return switch (status) {
            case SUBMITTING -> SUBMITTING;
            case QUEUED -> QUEUED;
            case RUNNING, DOWNLOADING -> RUNNING;
            case SUCCEEDED -> SUCCEEDED;
            case CANCELLED -> CANCELLED;
            case FAILED, SUBMISSION_UNCERTAIN, OUTPUTS_EXPIRED -> FAILED;
        };
    }

    /** Nothing more will happen to the cell. */
    public boolean ended() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public String text() {
        return text;
    }
}
