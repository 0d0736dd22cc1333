package app.comfydesk.ui.jobs;

import java.util.Locale;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * A job's state as the monitor shows it: one constant per engine {@code JobStatus} (same names, so the adapter maps
 * by name), each with the words, icon and chip colour the table uses.
 */
public enum JobPhase {
    SUBMITTING("Submitting", Feather.UPLOAD_CLOUD, "neutral"),
    SUBMISSION_UNCERTAIN("Uncertain", Feather.HELP_CIRCLE, "warning"),
    QUEUED("Queued", Feather.CLOCK, "queued"),
    RUNNING("Running", Feather.LOADER, "running"),
    DOWNLOADING("Downloading", Feather.DOWNLOAD_CLOUD, "running"),
    SUCCEEDED("Succeeded", Feather.CHECK_CIRCLE, "success"),
    FAILED("Failed", Feather.X_CIRCLE, "danger"),
    CANCELLED("Cancelled", Feather.SLASH, "muted"),
    OUTPUTS_EXPIRED("Outputs expired", Feather.ARCHIVE, "muted");

    private final String label;
    private final Ikon icon;
    private final String tone;

    JobPhase(String label, Ikon icon, String tone) {
        this.label = label;
        this.icon = icon;
        this.tone = tone;
    }

    /** Maps an engine status by name; unknown names (a newer engine) read as uncertain rather than failing. */
    public static JobPhase fromName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return SUBMISSION_UNCERTAIN;
        }
    }

    public String label() {
        return label;
    }

    public Ikon icon() {
        return icon;
    }

    /** The chip's style class, e.g. {@code status-success}. */
    public String styleClass() {
        return "status-" + tone;
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == OUTPUTS_EXPIRED;
    }

    /** Still moving: the clock runs for it. */
    public boolean isActive() {
        return this == SUBMITTING || this == QUEUED || this == RUNNING || this == DOWNLOADING;
    }

    /** The API accepts a cancel for queued and running jobs. */
    public boolean isCancellable() {
        return this == QUEUED || this == RUNNING || this == SUBMISSION_UNCERTAIN;
    }
}
