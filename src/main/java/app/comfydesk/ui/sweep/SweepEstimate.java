package app.comfydesk.ui.sweep;

import app.comfydesk.api.Balance;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sweep will take, from how long the deployment's recent runs took (creation to end, as stored): the median
 * run times the rounds the in-flight limit allows. A guess, and said as one.
 *
 * <p>The cost: RunComfy's API reports the balance and each deployment's GPU ({@code hardware}) but no price, so the
 * app has no price to multiply by; the app does not store the balance per run either, so it cannot learn one from
 * how the balance moved. The cost is then said to be unknown, and why, next to the balance when it is known. The
 * rule still takes a price (USD per second of run) so that a known one gives a figure and a warning when the
 * balance would not cover it.
 */
public final class SweepEstimate {

    /** How many recent runs the estimate looks at. */
    public static final int RECENT_RUNS = 20;

    private SweepEstimate() {
    }

    /** "about 1 min 30 s (median run 10 s over the last 12 runs on d-1, 4 at once)", or why nothing is known. */
    public static String describe(int jobs, int inFlight, List<Duration> recent, String deployment) {
        if (recent == null || recent.isEmpty()) {
            return "no finished runs on " + deployment + " yet to estimate the time from";
        }
        List<Duration> sorted = new ArrayList<>(recent);
        sorted.sort(null);
        Duration median = median(recent);
        long rounds = (jobs + Math.max(1, inFlight) - 1) / Math.max(1, inFlight);
        Duration total = median.multipliedBy(rounds);
        return "about " + words(total) + " (median run " + words(median) + " over the last " + sorted.size()
                + " run" + (sorted.size() == 1 ? "" : "s") + " on " + deployment + ", " + inFlight + " at once)";
    }

    /**
     * "cost unknown: RunComfy does not report a price for AMPERE_24 · balance $12.40", or with a price
     * "about $0.45 (9 jobs × median run 10 s at $0.005/s) · balance $12.40", and a warning when the balance is lower.
     *
     * @param hardware     the deployment's GPU SKU, or null when not known
     * @param usdPerSecond the price of one second of run on that GPU, or null (RunComfy reports none)
     * @param balance      the account's balance, or null when not known
     */
    public static String cost(int jobs, List<Duration> recent, String hardware, BigDecimal usdPerSecond,
                              Balance balance) {
        String shownBalance = balance == null ? "" : " · balance " + shown(balance.amount(), balance.currency());
        if (jobs <= 0) {
            return "no jobs, no cost" + shownBalance;
        }
        if (usdPerSecond == null) {
            return "cost unknown: RunComfy does not report a price for "
                    + (hardware == null || hardware.isBlank() ? "this deployment's GPU" : hardware) + shownBalance;
        }
        if (recent == null || recent.isEmpty()) {
            return "cost unknown: no finished runs to estimate it from" + shownBalance;
        }
        Duration median = median(recent);
        // Every job is billed for its own run whatever the in-flight limit; creation-to-end includes the queue, so
        // this leans high, which is the safe side for a balance warning.
        BigDecimal total = usdPerSecond.multiply(BigDecimal.valueOf(median.toMillis()))
                .multiply(BigDecimal.valueOf(jobs)).divide(BigDecimal.valueOf(1000), 2, RoundingMode.UP);
        String line = "about " + shown(total, "USD") + " (" + jobs + (jobs == 1 ? " job" : " jobs") + " × median run "
                + words(median) + " at $" + usdPerSecond.stripTrailingZeros().toPlainString() + "/s)" + shownBalance;
        if (balance != null && "USD".equalsIgnoreCase(balance.currency())
                && balance.amount().compareTo(total) < 0) {
            line += " — more than the balance: the sweep may stop when the balance runs out";
        }
        return line;
    }

    /** As the status bar shows an amount. */
    private static String shown(BigDecimal amount, String currency) {
        return app.comfydesk.ui.jobs.BalanceModel.shown(new Balance(amount, currency, null));
    }

    private static Duration median(List<Duration> recent) {
        List<Duration> sorted = new ArrayList<>(recent);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    static String words(Duration d) {
        long seconds = Math.max(0, (d.toMillis() + 500) / 1000);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
