package app.comfydesk.ui;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The start-up reads, in two steps on one thread: first the little the first frame needs ({@code F}: folders, theme,
 * window layout), then everything the filled-in window needs ({@code S}: logging, settings, secrets, the background
 * executor). Started by {@link GuiMain} before the toolkit, so both overlap its start on a second core instead of
 * following it. The second step runs straight after the first: it used to wait for the first frame, because its CPU
 * work (class loading and cold code for logging and JSON binding) took the toolkit's share of a small machine's two
 * cores, but the filled-in window waited for it after the first frame. With logging set up in code, running it at
 * once costs the first frame ~40 ms (1.1× a bare window, goal 1.3×) and shows the last workflow ~65-100 ms sooner
 * (docs/BENCHMARKS.md, "Start-up: workflow shown"). A failure of the first step fails both.
 */
final class StartupPreparation<F, S> {

    private final CompletableFuture<F> firstFrame = new CompletableFuture<>();
    private final CompletableFuture<S> services = new CompletableFuture<>();

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

    /** Runs both steps on the calling thread (the app was not launched through {@link GuiMain}). */
    static <F, S> StartupPreparation<F, S> now(Supplier<F> firstStep, Function<F, S> secondStep) {
        StartupPreparation<F, S> preparation = new StartupPreparation<>();
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
            services.complete(secondStep.apply(first));
        } catch (Throwable e) {
            services.completeExceptionally(e);
        }
    }

    CompletableFuture<F> firstFrame() {
        return firstFrame;
    }

    CompletableFuture<S> services() {
        return services;
    }
}
