package app.comfydesk.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waits without blocking a thread. Injected so tests can retry instantly and record the waits. */
@FunctionalInterface
public interface Delayer {

    /** A future completed after {@code delay}. */
    CompletableFuture<Void> after(Duration delay);

    /** Real time, on the common pool's delayed executor. */
    static Delayer system() {
        return delay -> CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS));
    }
}
