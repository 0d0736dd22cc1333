package app.comfydesk.jobs;

/** Whether one hosted output is on disk. */
public enum OutputState {
    PENDING, SAVED, EXPIRED, FAILED
}
