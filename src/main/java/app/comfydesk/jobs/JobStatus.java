package app.comfydesk.jobs;

/** A job's local state. Only the engine moves a job between states. */
public enum JobStatus {
    /** Being sent; a job left here by a crash becomes {@link #SUBMISSION_UNCERTAIN} on the next start. */
    SUBMITTING,
    /** Sent, but no answer: it may exist on the server. Never resubmitted automatically; the user checks. */
    SUBMISSION_UNCERTAIN,
    QUEUED,
    RUNNING,
    /** Finished on the server; outputs are being saved. */
    DOWNLOADING,
    /** Finished and every output is on disk. */
    SUCCEEDED,
    FAILED,
    CANCELLED,
    /**
     * Finished, but some hosted outputs were gone (404/410, or 403 past the hosting period) before they could be
     * saved.
     */
    OUTPUTS_EXPIRED;

    /** Nothing more will happen to the job by itself. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == OUTPUTS_EXPIRED;
    }

    /** Still moving: the monitor's clock runs for it. */
    public boolean isActive() {
        return this == SUBMITTING || this == QUEUED || this == RUNNING || this == DOWNLOADING;
    }

    /** The API accepts a cancel for queued and running jobs (and one that may exist on the server). */
    public boolean isCancellable() {
        return this == QUEUED || this == RUNNING || this == SUBMISSION_UNCERTAIN;
    }

    /** The engine polls the server for it. */
    public boolean isPolled() {
        return this == QUEUED || this == RUNNING || this == DOWNLOADING;
    }

    /** Lower-case name used on the command line and in JSON. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
