package app.comfydesk.api;

import java.util.Locale;

/** A request's state as the server names it, read tolerantly (both spellings of cancelled, any case). */
public enum RemoteStatus {
    IN_QUEUE, IN_PROGRESS, COMPLETED, SUCCEEDED, FAILED, CANCELLED, UNKNOWN;

    public static RemoteStatus parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_')) {
            case "in_queue", "queued", "pending", "submitted" -> IN_QUEUE;
            case "in_progress", "running", "processing", "started" -> IN_PROGRESS;
            case "completed", "complete" -> COMPLETED;
            case "succeeded", "success", "successful" -> SUCCEEDED;
            case "failed", "failure", "error" -> FAILED;
            case "cancelled", "canceled" -> CANCELLED;
            default -> UNKNOWN;
        };
    }

    /** Finished on the server: the result is (or will never be) available. */
    public boolean isFinished() {
        return this == COMPLETED || this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
