package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusBarTextTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final ConnectionStatus POLLED =
            new ConnectionStatus(true, "https://api.runcomfy.net/", "", NOW.minusSeconds(192));

    @Test
    void partsAreJoinedByOneSeparatorEach() {
        String line = StatusBarView.connectionText(POLLED) + StatusBarView.lastPollText(POLLED, NOW, true)
                + StatusBarView.countsText(1, 2);
        assertThat(line).isEqualTo("connected · api.runcomfy.net · last poll 3:12 ago · 1 running · 2 queued");
    }

    @Test
    void idleBarDoesNotCountUpSinceTheLastPoll() {
        assertThat(StatusBarView.lastPollText(POLLED, NOW, false)).isEmpty();
        assertThat(StatusBarView.connectionText(POLLED) + StatusBarView.countsText(0, 0))
                .isEqualTo("connected · api.runcomfy.net · idle");
    }

    @Test
    void statusBarCarriesTheMonitorStylesheetForTheConnectionDot() {
        assertThat(StatusBarView.STYLESHEET).endsWith("/app/comfydesk/ui/monitor.css");
    }
}
