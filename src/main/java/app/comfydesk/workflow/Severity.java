package app.comfydesk.workflow;

/** How bad a validation problem is. */
public enum Severity {
    /** The request would fail or do something else than intended; submit is blocked. */
    ERROR,
    /** Worth a look but may be right (e.g. a model the local schema does not know); submit is allowed. */
    WARNING;

    public boolean blocksSubmit() {
        return this == ERROR;
    }
}
