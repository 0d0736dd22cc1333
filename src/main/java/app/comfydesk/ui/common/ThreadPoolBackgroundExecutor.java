package app.comfydesk.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production executor: a small pool of daemon threads; callbacks are delivered with Platform.runLater. */
public final class ThreadPoolBackgroundExecutor implements BackgroundExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadPoolBackgroundExecutor.class);

    private final ExecutorService workers;
    private final Executor uiExecutor;
    private final ErrorMessages errors;

    public ThreadPoolBackgroundExecutor(ErrorMessages errors) {
        this(errors, Math.max(2, Runtime.getRuntime().availableProcessors()), Platform::runLater);
    }

    public ThreadPoolBackgroundExecutor(ErrorMessages errors, int threads, Executor uiExecutor) {
        this.errors = errors;
        this.uiExecutor = uiExecutor;
        this.workers = Executors.newFixedThreadPool(threads, daemonThreads());
    }

    @Override
    public <T> Submission<T> submit(Callable<T> work) {
        Submission<T> submission = new Submission<>(uiExecutor, errors);
        if (workers.isShutdown()) {
            // The app is quitting (e.g. stopped before its start-up finished): work still asked for is dropped, not
            // thrown at the caller on the FX thread; its callbacks never run, as the window they would update is gone.
            LOG.debug("Background work asked for after close; not run");
            return submission;
        }
        Runnable task = () -> {
            try {
                submission.succeed(work.call());
            } catch (Throwable failure) {
                if (errors.isExpected(failure)) {
                    // Bad input the user is told about in words: one line, no stack trace.
                    LOG.info("Background work stopped: {}", errors.toUserError(failure).message());
                } else if (workers.isShutdown() && interruptedByClose(failure)) {
                    // Closing interrupts work under way (the app quitting mid-call): expected, one line.
                    Thread.currentThread().interrupt();
                    LOG.debug("Background work interrupted by close: {}", failure.toString());
                } else {
                    LOG.warn("Background work failed", failure);
                }
                submission.fail(failure);
            }
        };
        try {
            workers.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
            LOG.debug("Background work asked for while closing; not run");
        }
        return submission;
    }

    /** What a worker's interrupt turns into in a blocking call: a wait, a stream, a channel or a file lock. */
    private static boolean interruptedByClose(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof java.io.InterruptedIOException
                    || cause instanceof java.nio.channels.ClosedByInterruptException
                    || cause instanceof java.nio.channels.FileLockInterruptionException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    @Override
    public <T> Submission<T> follow(CompletionStage<T> running) {
        Submission<T> submission = new Submission<>(uiExecutor, errors);
        submission.completeFrom(running);
        return submission;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "comfydesk-background-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
