package app.comfydesk.ui.workflow;

/** What a submission sends: only the changed inputs (the deployment's workflow fills the rest) or everything. */
public enum SubmitMode {
    OVERRIDES("Overrides"),
    FULL("Full workflow");

    private final String label;

    SubmitMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
