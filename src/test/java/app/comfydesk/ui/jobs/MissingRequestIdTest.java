package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.JobStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 16 item 5: a job without a request id says why, by its state, instead of "not assigned yet". */
class MissingRequestIdTest {

    private static JobRow unsent(JobStatus phase, String error) {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        return new JobRow(1, null, phase, null, t, null, t, t, "p", "dep", null, 0, error);
    }

    @Test
    void eachStateSaysWhyThereIsNoRequestId() {
        assertThat(JobDetailsView.missingRequestId(unsent(JobStatus.FAILED, "401 Unauthorized: check the token")))
                .isEqualTo("none: not submitted (401 Unauthorized: check the token)");
        assertThat(JobDetailsView.missingRequestId(unsent(JobStatus.FAILED, null))).isEqualTo("none: not submitted");
        assertThat(JobDetailsView.missingRequestId(unsent(JobStatus.SUBMITTING, null))).contains("being submitted");
        assertThat(JobDetailsView.missingRequestId(unsent(JobStatus.SUBMISSION_UNCERTAIN, null)))
                .contains("may exist on the server");
        assertThat(JobDetailsView.missingRequestId(unsent(JobStatus.CANCELLED, null)))
                .isEqualTo("none: cancelled before it was submitted");
    }
}
