package app.comfydesk.jobs;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The production engine thread ({@link EngineScheduler#system()}, with its shutdown policy), seen from a test: which
 * one-off delays the engine asked for ({@link EngineLoop#later}), what is still waiting, and whether it stopped. Lets
 * a test assert "nothing more will happen" from the schedule itself instead of sleeping and counting.
 */
final class EngineThreadProbe {

    private final ScheduledThreadPoolExecutor thread =
            (ScheduledThreadPoolExecutor) EngineScheduler.system().engineThread().get();
    private final List<Duration> laterDelays = new CopyOnWriteArrayList<>();
    private final Recording recording = new Recording();

    /** The probed engine thread with the system ticker. */
    EngineScheduler scheduler() {
        return scheduler(System::nanoTime);
    }

    EngineScheduler scheduler(LongSupplier ticker) {
        return new EngineScheduler(() -> recording, ticker);
    }

    /** Every one-off delay the engine scheduled, in order (download rounds waiting to run again). */
    List<Duration> laterDelays() {
        return List.copyOf(laterDelays);
    }

    /** One-off tasks still waiting for their time (the periodic tick is not counted). */
    long waitingLater() {
        return thread.getQueue().stream().filter(r -> r instanceof RunnableScheduledFuture<?> f && !f.isPeriodic()
                && f.getDelay(TimeUnit.NANOSECONDS) > 0).count();
    }

    /** Everything the thread had left to run, periodic tick included (empty once shut down and drained). */
    int queued() {
        return thread.getQueue().size();
    }

    boolean terminated() {
        return thread.isTerminated();
    }

    /** Forwards to the engine thread, noting the delay of each one-off {@code schedule}. */
    private final class Recording extends AbstractExecutorService implements ScheduledExecutorService {

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            laterDelays.add(Duration.ofNanos(unit.toNanos(delay)));
            return thread.schedule(command, delay, unit);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            laterDelays.add(Duration.ofNanos(unit.toNanos(delay)));
            return thread.schedule(callable, delay, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                                                      TimeUnit unit) {
            return thread.scheduleAtFixedRate(command, initialDelay, period, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                         TimeUnit unit) {
            return thread.scheduleWithFixedDelay(command, initialDelay, delay, unit);
        }

        @Override
        public void execute(Runnable command) {
            thread.execute(command);
        }

        @Override
        public void shutdown() {
            thread.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return thread.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return thread.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return thread.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return thread.awaitTermination(timeout, unit);
        }
    }

    /** The download threads alive now (named by the engine), to compare before and after a close. */
    static Collection<Thread> downloadThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("comfydesk-download") && t.isAlive()).toList();
    }
}
