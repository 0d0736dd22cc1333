package app.comfydesk.workflow.variations;

/**
 * A sweep axis, dynamic prompt or wildcard the user wrote cannot be used; the message is the one sentence for the
 * user (what, where, how to fix). Expected, so callers show the message and never a stack trace.
 */
public final class VariationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VariationException(String message) {
        super(message);
    }
}
