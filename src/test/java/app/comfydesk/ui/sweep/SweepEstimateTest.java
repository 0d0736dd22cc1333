package app.comfydesk.ui.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.api.Balance;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The estimate line's cost part: exact strings, because the user reads them as they are. */
class SweepEstimateTest {

    private static final List<Duration> RUNS = List.of(Duration.ofSeconds(4), Duration.ofSeconds(10),
            Duration.ofSeconds(30));
    private static final Balance TWELVE_FORTY = new Balance(new BigDecimal("12.4099"), "USD", null);

    @Test
    void noJobsCostNothing() {
        assertThat(SweepEstimate.cost(0, RUNS, "AMPERE_24", null, TWELVE_FORTY))
                .isEqualTo("no jobs, no cost · balance $12.40");
    }

    @Test
    void withoutAPriceTheCostIsUnknownAndSaysWhy() {
        assertThat(SweepEstimate.cost(9, RUNS, "AMPERE_24", null, TWELVE_FORTY))
                .isEqualTo("cost unknown: RunComfy does not report a price for AMPERE_24 · balance $12.40");
        assertThat(SweepEstimate.cost(9, RUNS, null, null, null))
                .isEqualTo("cost unknown: RunComfy does not report a price for this deployment's GPU");
    }

    @Test
    void withAPriceButNoHistoryTheCostIsUnknown() {
        assertThat(SweepEstimate.cost(9, List.of(), "AMPERE_24", new BigDecimal("0.005"), TWELVE_FORTY))
                .isEqualTo("cost unknown: no finished runs to estimate it from · balance $12.40");
    }

    @Test
    void withAPriceEveryJobPaysTheMedianRun() {
        assertThat(SweepEstimate.cost(9, RUNS, "AMPERE_24", new BigDecimal("0.005"), TWELVE_FORTY))
                .isEqualTo("about $0.45 (9 jobs × median run 10 s at $0.005/s) · balance $12.40");
        assertThat(SweepEstimate.cost(1, RUNS, "AMPERE_24", new BigDecimal("0.0001"), null))
                .isEqualTo("about $0.01 (1 job × median run 10 s at $0.0001/s)");
    }

    @Test
    void aBalanceBelowTheEstimateWarnsThatTheSweepMayStop() {
        Balance low = new Balance(new BigDecimal("0.40"), "USD", null);
        assertThat(SweepEstimate.cost(9, RUNS, "AMPERE_24", new BigDecimal("0.005"), low))
                .isEqualTo("about $0.45 (9 jobs × median run 10 s at $0.005/s) · balance $0.40"
                        + " — more than the balance: the sweep may stop when the balance runs out");
    }

    @Test
    void theTimePartIsUnchanged() {
        assertThat(SweepEstimate.describe(0, 4, List.of(), "d-1"))
                .isEqualTo("no finished runs on d-1 yet to estimate the time from");
        assertThat(SweepEstimate.describe(9, 3, RUNS, "d-1"))
                .isEqualTo("about 30 s (median run 10 s over the last 3 runs on d-1, 3 at once)");
    }
}
