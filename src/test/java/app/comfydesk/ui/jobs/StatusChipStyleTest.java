package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.JobStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusChipStyleTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    /** comfydesk.css is the window's stylesheet and loads after monitor.css; any chip rule there wins. */
    @Test
    void chipColoursComeOnlyFromMonitorCss() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/app/comfydesk/ui/comfydesk.css")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain(".status-chip");
        }
    }

    @Test
    void queuePositionReadsOneBased() {
        assertThat(Formats.chipText(onInstance(queued(0)), NOW)).isEqualTo("Queued · next");
        assertThat(Formats.chipText(onInstance(queued(1)), NOW)).isEqualTo("Queued · #2");
        assertThat(Formats.chipText(onInstance(queued(null)), NOW)).isEqualTo("Queued");
        assertThat(Formats.queuePlace(0)).isEqualTo("next");
        assertThat(Formats.queuePlace(2)).isEqualTo("#3 in queue");
    }

    @Test
    void aQueuedJobWithoutAnInstanceIsWaitingForAGpuWithItsPlaceAndTimeWaited() {
        JobRow waiting = new JobRow(1, "r", JobStatus.QUEUED, 2, NOW.minusSeconds(42), null, null, NOW, "", "", null,
                0, null);
        assertThat(waiting.waitingForGpu()).isTrue();
        assertThat(Formats.chipText(waiting, NOW)).isEqualTo("Waiting for a GPU · #3 · 0:42");
        assertThat(Formats.waitingText(waiting, NOW, true)).isEqualTo("Waiting for a GPU · #3 in queue · 0:42");
        assertThat(Formats.chipText(queued(0), NOW)).isEqualTo("Waiting for a GPU · next · 0:00");
        assertThat(Formats.chipText(queued(null), NOW)).isEqualTo("Waiting for a GPU · 0:00");
    }

    private static JobRow onInstance(JobRow row) {
        return new JobRow(row.id(), row.requestId(), row.phase(), row.queuePosition(), row.createdAt(),
                row.startedAt(), row.finishedAt(), row.updatedAt(), row.prompt(), row.target(), row.firstOutput(),
                row.outputCount(), row.errorSummary(), "i-1");
    }

    private static JobRow queued(Integer position) {
        return new JobRow(1, "r", JobStatus.QUEUED, position, NOW, null, null, NOW, "", "", null, 0, null);
    }
}
