package app.comfydesk.ui.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;

/**
 * The bridge from worker threads to the FX thread for one feature. Any thread may {@link #post} events; they are
 * queued, and at most one drain is scheduled on the FX thread at a time, so a burst of thousands of events costs
 * one {@code Platform.runLater} and one consumer call with the whole batch, never one per event.
 *
 * <p>With a key function, events with the same key coalesce: only the latest one per key is delivered (e.g. the
 * newest state of each job), in the order keys were first seen in the batch.
 */
public final class FxBatcher<E> {

    private final Executor fxExecutor;
    private final Consumer<List<E>> consumer;
    private final Function<? super E, ?> key;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Object lock = new Object();
    private Map<Object, E> pending = new LinkedHashMap<>();
    private long sequence;

    private FxBatcher(Executor fxExecutor, Function<? super E, ?> key, Consumer<List<E>> consumer) {
        this.fxExecutor = fxExecutor;
        this.key = key;
        this.consumer = consumer;
    }

    /**
     * Drains through {@code executor}: the feature's FX-thread executor (an {@link FxThread} one in the app, a queue
     * in tests and benchmarks). A null key delivers every event, in order; a key keeps only the latest per key.
     */
    public static <E> FxBatcher<E> on(Executor executor, Function<? super E, ?> key, Consumer<List<E>> consumer) {
        return new FxBatcher<>(executor, key, consumer);
    }

    /** Thread-safe; cheap enough to call for every engine event. */
    public void post(E event) {
        synchronized (lock) {
            Object slot = key == null ? sequence++ : key.apply(event);
            if (key != null) {
                pending.remove(slot); // re-insert so the batch order follows the latest event
            }
            pending.put(slot, event);
        }
        if (scheduled.compareAndSet(false, true)) {
            fxExecutor.execute(this::drain);
        }
    }

    private void drain() {
        // Clear the flag before taking the batch: an event posted after this point schedules a new drain.
        scheduled.set(false);
        List<E> batch;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(pending.values());
            pending = new LinkedHashMap<>();
        }
        consumer.accept(batch);
    }
}
