package app.comfydesk.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * The one way views and view models run slow work (file reads, network, decoding) off the FX thread.
 * Callbacks of the returned {@link Submission} run on the FX thread (on the calling thread in the same-thread
 * implementation used by tests, so async code stays deterministic there).
 */
public interface BackgroundExecutor extends AutoCloseable {

    <T> Submission<T> submit(Callable<T> work);

    /**
     * Delivers the outcome of work that is already running elsewhere (the engine's futures) to FX-thread callbacks,
     * without a pool thread blocked waiting for it.
     */
    <T> Submission<T> follow(CompletionStage<T> running);

    /** Runs work whose result nobody waits for; errors still reach {@code onError} callbacks if registered. */
    default Submission<Void> run(ThrowingRunnable work) {
        return submit(() -> {
            work.run();
            return null;
        });
    }

    @Override
    void close();

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
