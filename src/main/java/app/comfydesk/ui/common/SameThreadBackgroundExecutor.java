package app.comfydesk.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * Runs work and callbacks on the calling thread. For tests (deterministic, no waiting) and for work that is known
 * to be instant.
 */
public final class SameThreadBackgroundExecutor implements BackgroundExecutor {

    private final ErrorMessages errors;

    public SameThreadBackgroundExecutor() {
        this(new ErrorMessages());
    }

    public SameThreadBackgroundExecutor(ErrorMessages errors) {
        this.errors = errors;
    }

    @Override
    public <T> Submission<T> submit(Callable<T> work) {
        Submission<T> submission = new Submission<>(Runnable::run, errors);
        try {
            submission.succeed(work.call());
        } catch (Exception failure) {
            submission.fail(failure);
        }
        return submission;
    }

    @Override
    public <T> Submission<T> follow(CompletionStage<T> running) {
        // Waits on the calling thread, so callbacks stay on it as the class promises (tests; never a pool thread).
        return submit(() -> {
            try {
                return running.toCompletableFuture().join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        });
    }

    @Override
    public void close() {
        // nothing to release
    }
}
