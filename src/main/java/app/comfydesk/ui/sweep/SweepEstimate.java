package app.comfydesk.ui.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sweep will take, from how long the deployment's recent runs took (creation to end, as stored): the median
 * run times the rounds the in-flight limit allows. A guess, and said as one.
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
        Duration median = sorted.get(sorted.size() / 2);
        long rounds = (jobs + Math.max(1, inFlight) - 1) / Math.max(1, inFlight);
        Duration total = median.multipliedBy(rounds);
        return "about " + words(total) + " (median run " + words(median) + " over the last " + sorted.size()
                + " run" + (sorted.size() == 1 ? "" : "s") + " on " + deployment + ", " + inFlight + " at once)";
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
