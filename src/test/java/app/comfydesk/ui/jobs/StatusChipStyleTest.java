package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(Formats.chipText(queued(0), NOW)).isEqualTo("Queued · next");
        assertThat(Formats.chipText(queued(1), NOW)).isEqualTo("Queued · #2");
        assertThat(Formats.chipText(queued(null), NOW)).isEqualTo("Queued");
        assertThat(Formats.queuePlace(0)).isEqualTo("next");
        assertThat(Formats.queuePlace(2)).isEqualTo("#3 in queue");
    }

    private static JobRow queued(Integer position) {
        return new JobRow(1, "r", JobPhase.QUEUED, position, NOW, null, null, NOW, "", "", null, 0, null);
    }
}
