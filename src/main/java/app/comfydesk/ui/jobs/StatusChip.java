package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobStatus;
import java.time.Instant;
import javafx.scene.control.Label;
import org.kordamp.ikonli.javafx.FontIcon;

/** A job's state as a coloured chip with an icon and words ("Queued · next", "Running 1:14", "Failed"). */
public final class StatusChip extends Label {

    private final FontIcon icon = new FontIcon();
    private JobStatus shownPhase;

    public StatusChip() {
        getStyleClass().add("status-chip");
        icon.getStyleClass().add("status-chip-icon");
        setGraphic(icon);
        setMinWidth(USE_PREF_SIZE);
    }

    public void show(JobRow row, Instant now) {
        if (row == null) {
            setVisible(false);
            return;
        }
        setVisible(true);
        setText(Formats.chipText(row, now));
        if (row.phase() != shownPhase) {
            if (shownPhase != null) {
                getStyleClass().remove(StatusLook.styleClass(shownPhase));
            }
            shownPhase = row.phase();
            getStyleClass().add(StatusLook.styleClass(shownPhase));
            icon.setIconCode(StatusLook.icon(shownPhase));
        }
    }
}
