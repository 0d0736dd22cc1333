package app.comfydesk.ui.workflow;

/**
 * What the "discard your edits?" question is about.
 *
 * @param nextName what replaces the edits: another workflow's name, or {@code preset "name"}
 * @param action   the verb for it: "Opening", "Applying"
 */
public record UnsavedEdits(String currentName, int changedInputs, String nextName, String action) {
    public UnsavedEdits(String currentName, int changedInputs, String nextName) {
        this(currentName, changedInputs, nextName, "Opening");
    }
}
