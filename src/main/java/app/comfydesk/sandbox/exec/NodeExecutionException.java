package app.comfydesk.sandbox.exec;

/**
 * A workflow could not run: names the node and its class (both may be {@code null} when the problem is the
 * workflow as a whole, such as having no output node). {@link #getMessage()} is one sentence for a person.
 */
public final class NodeExecutionException extends Exception {

    private final String nodeId;
    private final String classType;
    private final String exceptionType;

    public NodeExecutionException(String nodeId, String classType, String exceptionType, String message) {
        super(message);
        this.nodeId = nodeId;
        this.classType = classType;
        this.exceptionType = exceptionType;
    }

    public String nodeId() {
        return nodeId;
    }

    public String classType() {
        return classType;
    }

    /** A short machine-readable kind, such as {@code unknown_node_type} or {@code invalid_input}. */
    public String exceptionType() {
        return exceptionType;
    }
}
