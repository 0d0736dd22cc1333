package app.comfydesk.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the {@link JobEngine}: where outputs go ({@code <outputRoot>/<request id>/...}), the poll schedule, how
 * many status calls and downloads may be in flight, download timeouts and retries, the largest output file saved,
 * and the clock (tests inject one).
 */
public record EngineSettings(Path outputRoot, PollSchedule schedule, int maxConcurrentPolls, int maxConcurrentDownloads,
                             Duration downloadConnectTimeout, Duration downloadReadTimeout, int downloadAttempts,
                             Duration downloadRetryDelay, long maxOutputBytes, Clock clock) {

    /** Default limit per downloaded output: generous for video, but a runaway or hostile body cannot fill a disk. */
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 2L << 30;

    public EngineSettings {
        Objects.requireNonNull(outputRoot, "outputRoot");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(clock, "clock");
        if (maxConcurrentPolls < 1 || maxConcurrentDownloads < 1 || downloadAttempts < 1 || maxOutputBytes < 1) {
            throw new IllegalArgumentException("concurrency, attempts and the size limit must be at least 1");
        }
    }

    /** Without a size limit of its own: {@link #DEFAULT_MAX_OUTPUT_BYTES}. */
    public EngineSettings(Path outputRoot, PollSchedule schedule, int maxConcurrentPolls, int maxConcurrentDownloads,
                          Duration downloadConnectTimeout, Duration downloadReadTimeout, int downloadAttempts,
                          Duration downloadRetryDelay, Clock clock) {
        this(outputRoot, schedule, maxConcurrentPolls, maxConcurrentDownloads, downloadConnectTimeout,
                downloadReadTimeout, downloadAttempts, downloadRetryDelay, DEFAULT_MAX_OUTPUT_BYTES, clock);
    }

    public static EngineSettings defaults(Path outputRoot) {
        return new EngineSettings(outputRoot, PollSchedule.defaults(), 32, 4, Duration.ofSeconds(15),
                Duration.ofSeconds(60), 4, Duration.ofSeconds(1), DEFAULT_MAX_OUTPUT_BYTES, Clock.systemUTC());
    }

    public EngineSettings withSchedule(PollSchedule newSchedule) {
        return new EngineSettings(outputRoot, newSchedule, maxConcurrentPolls, maxConcurrentDownloads,
                downloadConnectTimeout, downloadReadTimeout, downloadAttempts, downloadRetryDelay, maxOutputBytes,
                clock);
    }

    public EngineSettings withDownloads(Duration readTimeout, int attempts, Duration retryDelay) {
        return new EngineSettings(outputRoot, schedule, maxConcurrentPolls, maxConcurrentDownloads,
                downloadConnectTimeout, readTimeout, attempts, retryDelay, maxOutputBytes, clock);
    }

    public EngineSettings withMaxConcurrentPolls(int polls) {
        return new EngineSettings(outputRoot, schedule, polls, maxConcurrentDownloads, downloadConnectTimeout,
                downloadReadTimeout, downloadAttempts, downloadRetryDelay, maxOutputBytes, clock);
    }

    /** Another clock, e.g. one a test moves past the hosting period of outputs. */
    public EngineSettings withClock(Clock newClock) {
        return new EngineSettings(outputRoot, schedule, maxConcurrentPolls, maxConcurrentDownloads,
                downloadConnectTimeout, downloadReadTimeout, downloadAttempts, downloadRetryDelay, maxOutputBytes,
                newClock);
    }

    /** The largest output file saved; a bigger one fails with a reason instead of filling the disk. */
    public EngineSettings withMaxOutputBytes(long bytes) {
        return new EngineSettings(outputRoot, schedule, maxConcurrentPolls, maxConcurrentDownloads,
                downloadConnectTimeout, downloadReadTimeout, downloadAttempts, downloadRetryDelay, bytes, clock);
    }
}
