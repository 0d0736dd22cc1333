package app.comfydesk.ui;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The start-up reads, in two steps on one thread: first the little the first frame needs ({@code F}: folders, theme,
 * window layout), then everything the filled-in window needs ({@code S}: logging, settings, secrets, the background
 * executor). Started by {@link GuiMain} before the toolkit, so the first step overlaps its start on a second core
 * instead of following it. The second step waits for {@link #proceed()}: it is CPU work (about 0.2 s of class
 * loading and cold code for logging and JSON binding), and run while the toolkit starts it took the toolkit's
 * threads' share of the two cores of a small machine (measured: the first frame 70 ms later). A failure of the first
 * step fails both.
 */
final class StartupPreparation<F, S> {

    private final CompletableFuture<F> firstFrame = new CompletableFuture<>();
    private final CompletableFuture<S> services = new CompletableFuture<>();
    private final CompletableFuture<Void> proceed = new CompletableFuture<>();

    private StartupPreparation() {
    }

    /** Runs both steps on a new daemon thread. */
    static <F, S> StartupPreparation<F, S> inBackground(Supplier<F> firstStep, Function<F, S> secondStep) {
        StartupPreparation<F, S> preparation = new StartupPreparation<>();
        Thread thread = new Thread(() -> preparation.run(firstStep, secondStep), "start-up preparation");
        thread.setDaemon(true);
        thread.start();
        return preparation;
    }

    /** Runs both steps on the calling thread, without waiting (the app was not launched through {@link GuiMain}). */
    static <F, S> StartupPreparation<F, S> now(Supplier<F> firstStep, Function<F, S> secondStep) {
        StartupPreparation<F, S> preparation = new StartupPreparation<>();
        preparation.proceed();
        preparation.run(firstStep, secondStep);
        return preparation;
    }

    private void run(Supplier<F> firstStep, Function<F, S> secondStep) {
        F first;
        try {
            first = firstStep.get();
            firstFrame.complete(first);
        } catch (Throwable e) {
            firstFrame.completeExceptionally(e);
            services.completeExceptionally(e);
            return;
        }
        try {
            proceed.join();
            services.complete(secondStep.apply(first));
        } catch (Throwable e) {
            services.completeExceptionally(e);
        }
    }

    /** Lets the second step start (call it once the first frame is up); idempotent. */
    void proceed() {
        proceed.complete(null);
    }

    CompletableFuture<F> firstFrame() {
        return firstFrame;
    }

    CompletableFuture<S> services() {
        return services;
    }
}
