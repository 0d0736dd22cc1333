package app.comfydesk.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the {@link JobEngine}: where outputs go ({@code <outputRoot>/<request id>/...}), the poll schedule, how
 * many status calls and downloads may be in flight, download timeouts and retries, and the clock (tests inject one).
 */
public record EngineSettings(Path outputRoot, PollSchedule schedule, int maxConcurrentPolls, int maxConcurrentDownloads,
                             Duration downloadConnectTimeout, Duration downloadReadTimeout, int downloadAttempts,
                             Duration downloadRetryDelay, Clock clock) {

    public EngineSettings {
        Objects.requireNonNull(outputRoot, "outputRoot");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(clock, "clock");
        if (maxConcurrentPolls < 1 || maxConcurrentDownloads < 1 || downloadAttempts < 1) {
            throw new IllegalArgumentException("concurrency and attempts must be at least 1");
        }
    }

    public static EngineSettings defaults(Path outputRoot) {
        return new EngineSettings(outputRoot, PollSchedule.defaults(), 32, 4, Duration.ofSeconds(15),
                Duration.ofSeconds(60), 4, Duration.ofSeconds(1), Clock.systemUTC());
    }

    public EngineSettings withSchedule(PollSchedule newSchedule) {
        return new EngineSettings(outputRoot, newSchedule, maxConcurrentPolls, maxConcurrentDownloads,
                downloadConnectTimeout, downloadReadTimeout, downloadAttempts, downloadRetryDelay, clock);
    }

    public EngineSettings withDownloads(Duration readTimeout, int attempts, Duration retryDelay) {
        return new EngineSettings(outputRoot, schedule, maxConcurrentPolls, maxConcurrentDownloads,
                downloadConnectTimeout, readTimeout, attempts, retryDelay, clock);
    }

    public EngineSettings withMaxConcurrentPolls(int polls) {
        return new EngineSettings(outputRoot, schedule, polls, maxConcurrentDownloads, downloadConnectTimeout,
                downloadReadTimeout, downloadAttempts, downloadRetryDelay, clock);
    }
}
