package app.comfydesk.sandbox.exec;

/** The run stopped between two nodes because cancellation was requested. */
public final class ExecutionCancelledException extends Exception {
    public ExecutionCancelledException() {
        super("cancelled");
    }
}
