package app.comfydesk.ui.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the status bar says when a workflow's kept session edits came back (issue 16 item 8): how many inputs and,
 * if it changed, the batch size. Nothing is said when nothing came back.
 *
 * @param inputs    how many inputs now differ from the file because of the kept edits
 * @param batch     the restored batch size, or 0 when the batch did not change
 * @param seedModes how many seed fields got their kept mode (fixed, +1 per run …) back
 */
record RestoredNote(int inputs, int batch, int seedModes) {

    /** "2 edits and batch 4 from your last session restored", or empty when nothing was restored. */
    Optional<String> text() {
        List<String> parts = new ArrayList<>();
        if (inputs > 0) {
            parts.add(inputs + (inputs == 1 ? " edit" : " edits"));
        }
        if (seedModes > 0) {
            parts.add(seedModes + (seedModes == 1 ? " seed mode" : " seed modes"));
        }
        if (batch > 0) {
            parts.add("batch " + batch);
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String last = parts.remove(parts.size() - 1);
        String listed = parts.isEmpty() ? last : String.join(", ", parts) + " and " + last;
        return Optional.of(listed + " from your last session restored");
    }
}
