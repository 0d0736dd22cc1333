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
        workers.execute(() -> {
            try {
                submission.succeed(work.call());
            } catch (Throwable failure) {
                if (errors.isExpected(failure)) {
                    // Bad input the user is told about in words: one line, no stack trace.
                    LOG.info("Background work stopped: {}", errors.toUserError(failure).message());
                } else {
                    LOG.warn("Background work failed", failure);
                }
                submission.fail(failure);
            }
        });
        return submission;
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
