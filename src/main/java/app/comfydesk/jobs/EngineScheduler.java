package app.comfydesk.jobs;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where the {@link JobEngine}'s time and thread come from: the single engine thread (a scheduler) and the monotonic
 * ticker that decides when a poll is due. The wall clock (records, leases, hosting periods) is
 * {@link EngineSettings#clock()}. Tests inject a ticker they move, so a poll comes due when the test says, not after
 * a sleep.
 *
 * @param engineThread makes the engine's one thread; it must run one task at a time (all bookkeeping is confined to
 *                     it)
 * @param ticker       nanoseconds on a monotonic scale, like {@link System#nanoTime()}
 */
public record EngineScheduler(Supplier<ScheduledExecutorService> engineThread, LongSupplier ticker) {

    public EngineScheduler {
        Objects.requireNonNull(engineThread, "engineThread");
        Objects.requireNonNull(ticker, "ticker");
    }

    /** A daemon engine thread and {@link System#nanoTime()}. */
    public static EngineScheduler system() {
        return new EngineScheduler(EngineScheduler::singleEngineThread, System::nanoTime);
    }

    /** The same engine thread with another ticker (a test's). */
    public static EngineScheduler withTicker(LongSupplier ticker) {
        return new EngineScheduler(EngineScheduler::singleEngineThread, ticker);
    }

    private static ScheduledExecutorService singleEngineThread() {
        ScheduledThreadPoolExecutor engineThread = new ScheduledThreadPoolExecutor(1,
                EngineLoop.named("comfydesk-engine"));
        // close() drops what is scheduled for later (a download retry may be a minute away); work already due runs.
        engineThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return engineThread;
    }
}
