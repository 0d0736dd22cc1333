package app.comfydesk.jobs;

import java.time.Duration;

/**
 * How often an unfinished job is polled. Fast right after submit (most failures are quick), a steady interval
 * while running (bounds completion-to-detection latency), slower the deeper it waits in the queue, never above the
 * cap; while the network is down, exponential backoff up to {@code offlineCap}.
 *
 * @param firstPoll      delay of the first status call after submit
 * @param early          interval during the first {@code earlyPhase} after submit
 * @param earlyPhase     how long the fast start lasts
 * @param running        interval while running (and while queued at the front)
 * @param perQueuePlace  extra interval per queue position
 * @param queuedCap      longest interval while queued
 * @param offlineCap     longest wait while the server cannot be reached
 */
public record PollSchedule(Duration firstPoll, Duration early, Duration earlyPhase, Duration running,
                           Duration perQueuePlace, Duration queuedCap, Duration offlineCap) {

    public static PollSchedule defaults() {
        return new PollSchedule(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(6),
                Duration.ofMillis(2200), Duration.ofMillis(250), Duration.ofSeconds(15), Duration.ofSeconds(60));
    }

    /** Interval after a status answer, given the job's age, whether it is queued and at which position. */
    public Duration next(Duration age, boolean queued, Integer queuePosition) {
        if (age.compareTo(earlyPhase) < 0) {
            return early;
        }
        if (!queued || queuePosition == null || queuePosition <= 0) {
            return running;
        }
        Duration d = running.plus(perQueuePlace.multipliedBy(queuePosition));
        return d.compareTo(queuedCap) > 0 ? queuedCap : d;
    }

    /** Wait after {@code failures} consecutive failures to reach the server. */
    public Duration offline(int failures) {
        long ms = running.toMillis() << Math.min(16, Math.max(0, failures - 1));
        return Duration.ofMillis(Math.min(ms, offlineCap.toMillis()));
    }
}
