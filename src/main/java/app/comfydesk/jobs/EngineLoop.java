package app.comfydesk.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one thread and its voice: runs every piece of bookkeeping and every store write on the engine thread
 * (so the poller, the leases and the downloads share no state across threads), tells the time, and publishes events
 * to the listeners (on that thread) and to the count of {@link UnfinishedJobs}.
 */
final class EngineLoop {

    private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);

    private final ScheduledExecutorService engine;
    private final Clock clock;
    private final LongSupplier ticker;
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private final UnfinishedJobs unfinished = new UnfinishedJobs();
    private volatile boolean closed;

    EngineLoop(EngineScheduler scheduler, Clock clock) {
        this.engine = Objects.requireNonNull(scheduler.engineThread().get(), "engine thread");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = scheduler.ticker();
    }

    /** The wall clock: what is written to the store and compared with leases. */
    Instant now() {
        return clock.instant();
    }

    /** The monotonic ticker: when polls are due. */
    long nanoTime() {
        return ticker.getAsLong();
    }

    /** Runs answer handlers of the HTTP client on the engine thread ({@code whenCompleteAsync(..., executor())}). */
    Executor executor() {
        return engine;
    }

    /** Runs {@code work} on the engine thread; fails with {@link IllegalStateException} once closed. */
    <T> CompletableFuture<T> call(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            engine.execute(() -> {
                try {
                    f.complete(work.call());
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException("The job engine is closed"));
        }
        return f;
    }

    /** Runs {@code work} on the engine thread after {@code delay} (dropped by {@link #shutdown()}). */
    void later(Runnable work, Duration delay) {
        engine.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code work} on the engine thread every {@code millis}, the first time after one period. */
    void every(Runnable work, long millis) {
        engine.scheduleWithFixedDelay(work, millis, millis, TimeUnit.MILLISECONDS);
    }

    void addListener(JobListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    UnfinishedJobs unfinished() {
        return unfinished;
    }

    void publish(JobEvent event) {
        unfinished.onJobEvent(event);
        for (JobListener l : listeners) {
            try {
                l.onJobEvent(event);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // Even an Error (say, a class missing from a packaged runtime) must not stop the other listeners
                // or leave the engine's bookkeeping half done.
                LOG.warn("A job listener failed: {}", e.toString());
            }
        }
    }

    boolean closed() {
        return closed;
    }

    /** Marks the loop closed and stops taking work; what is already due still runs. */
    void shutdown() {
        closed = true;
        engine.shutdown();
    }

    /** Like a crash: marks the loop closed and stops the thread at once. */
    void shutdownNow() {
        closed = true;
        engine.shutdownNow();
    }

    void awaitTermination() throws InterruptedException {
        engine.awaitTermination(5, TimeUnit.SECONDS);
    }

    static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
