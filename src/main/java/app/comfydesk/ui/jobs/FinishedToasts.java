package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobStatus;
import java.util.List;
import javafx.stage.Popup;
import javafx.stage.Window;

/**
 * The finished-job notifications of one window (shown while it is not in front): a toast per job, grouped past
 * three. Jobs that finish while a toast is up are added to it ("37 jobs finished"), in place: a sweep of 100 opened
 * a popup per batch, each a window and a scene of its own.
 */
final class FinishedToasts {

    /** The lowest toast still up, which jobs finishing meanwhile are added to; and its counts. */
    private Popup burst;
    private int burstJobs;
    private long burstFailed;

    void tell(Window window, List<JobRow> finished) {
        long failed = finished.stream().filter(row -> row.phase() == JobStatus.FAILED).count();
        if (burst != null && burst.isShowing()) {
            burstJobs += finished.size();
            burstFailed += failed;
            Toast.update(burst, burstJobs + " jobs finished", burstFailed == 0 ? "All succeeded."
                    : burstFailed + " failed.", burstFailed > 0);
            return;
        }
        burstJobs = finished.size();
        burstFailed = failed;
        if (finished.size() > 3) {
            burst = Toast.show(window, finished.size() + " jobs finished", failed == 0 ? "All succeeded."
                    : failed + " failed.", failed > 0, 0);
            return;
        }
        int slot = 0;
        for (JobRow row : finished) {
            String said = StatusLook.label(row.phase()).toLowerCase(java.util.Locale.ROOT);
            Popup shown = Toast.show(window, "Job #" + row.id() + " " + said,
                    row.phase() == JobStatus.FAILED && row.errorSummary() != null ? row.errorSummary()
                            : row.prompt().isEmpty() ? row.target() : abbreviate(row.prompt()),
                    row.phase() == JobStatus.FAILED, slot++);
            burst = slot == 1 ? shown : burst; // the lowest one takes the rest of the burst
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 79) + "…" : text;
    }
}
