package app.comfydesk.workflow;

/**
 * A workflow file that cannot be used. {@link #getMessage()} is the one sentence to show the user: what is wrong,
 * where, and what to do about it. It never carries a stack trace meant for the user.
 */
public final class WorkflowFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the file was rejected, for callers that branch (exit codes, tests); the message is for people. */
    public enum Reason {
        UNREADABLE, TOO_LARGE, NOT_JSON, UI_FORMAT, NOT_A_WORKFLOW, INVALID_NODE, BROKEN_LINK, NO_PROMPT_IN_IMAGE
    }

    private final Reason reason;

    public WorkflowFormatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WorkflowFormatException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
