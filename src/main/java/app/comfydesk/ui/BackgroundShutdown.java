package app.comfydesk.ui;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quitting without freezing the window: closing the engine may wait seconds for a download or a poll to let go,
 * so {@link #begin} only hands the closing to a background thread and returns at once (the window is already
 * hidden). The process ends when the closing has finished (the closing thread is the last one keeping it alive),
 * or is ended when the bound has passed first.
 */
final class BackgroundShutdown {

    /** How long the background closing may take before the process exits anyway (docs/RELIABILITY.md). */
    static final Duration BOUND = Duration.ofSeconds(12);

    /** One thing to close, named for the log. */
    record Step(String name, AutoCloseable resource) {
    }

    /** Runs work once after a delay. */
    @FunctionalInterface
    interface Timer {
        void after(Duration delay, Runnable work);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundShutdown.class);

    private final Executor closer;
    private final Timer timer;
    private final Duration bound;
    private final Runnable exit;
    private final AtomicBoolean finished = new AtomicBoolean();

    BackgroundShutdown(Executor closer, Timer timer, Duration bound, Runnable exit) {
        this.closer = closer;
        this.timer = timer;
        this.bound = bound;
        this.exit = exit;
    }

    /**
     * The app's: a non-daemon thread that keeps the process alive while it closes, and a daemon timer that ends the
     * process only if the closing is still running at the bound (so an app started inside a test's JVM, whose
     * closing finishes, never ends that JVM).
     */
    static BackgroundShutdown forTheApp() {
        Executor thread = work -> new Thread(work, "comfydesk-shutdown").start();
        Timer daemonTimer = (delay, work) -> {
            Thread timerThread = new Thread(() -> {
                try {
                    Thread.sleep(delay.toMillis());
                    work.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "comfydesk-shutdown-bound");
            timerThread.setDaemon(true);
            timerThread.start();
        };
        return new BackgroundShutdown(thread, daemonTimer, BOUND, () -> System.exit(0));
    }

    /** Closes the steps in order in the background; returns at once. */
    void begin(List<Step> steps) {
        timer.after(bound, () -> {
            if (finished.compareAndSet(false, true)) {
                LOG.warn("Closing took longer than {} s; exiting without waiting for the rest", bound.toSeconds());
                exit.run();
            }
        });
        closer.execute(() -> {
            for (Step step : steps) {
                try {
                    step.resource().close();
                } catch (Exception | LinkageError e) {
                    LOG.warn("Error while closing the {}: {}", step.name(), e.toString());
                }
            }
            finished.set(true);
        });
    }
}
