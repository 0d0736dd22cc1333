package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobStatus;
import java.util.EnumMap;
import java.util.Map;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * How the monitor shows each engine {@link JobStatus}: its words, icon and chip colour. The one place presentation
 * is attached to the status model; the status itself (and what it allows) lives in {@code jobs}.
 */
final class StatusLook {

    private record Look(String label, Ikon icon, String tone) {
    }

    private static final Map<JobStatus, Look> LOOKS = new EnumMap<>(Map.of(
            JobStatus.SUBMITTING, new Look("Submitting", Feather.UPLOAD_CLOUD, "neutral"),
            JobStatus.SUBMISSION_UNCERTAIN, new Look("Uncertain", Feather.HELP_CIRCLE, "warning"),
            JobStatus.QUEUED, new Look("Queued", Feather.CLOCK, "queued"),
            JobStatus.RUNNING, new Look("Running", Feather.LOADER, "running"),
            JobStatus.DOWNLOADING, new Look("Downloading", Feather.DOWNLOAD_CLOUD, "running"),
            JobStatus.SUCCEEDED, new Look("Succeeded", Feather.CHECK_CIRCLE, "success"),
            JobStatus.FAILED, new Look("Failed", Feather.X_CIRCLE, "danger"),
            JobStatus.CANCELLED, new Look("Cancelled", Feather.SLASH, "muted"),
            JobStatus.OUTPUTS_EXPIRED, new Look("Outputs expired", Feather.ARCHIVE, "muted")));

    private StatusLook() {
    }

    static String label(JobStatus status) {
        return LOOKS.get(status).label();
    }

    static Ikon icon(JobStatus status) {
        return LOOKS.get(status).icon();
    }

    /** The chip's style class, e.g. {@code status-success}. */
    static String styleClass(JobStatus status) {
        return "status-" + LOOKS.get(status).tone();
    }
}
