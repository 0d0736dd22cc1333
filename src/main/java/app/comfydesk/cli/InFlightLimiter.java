package app.comfydesk.cli;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Starts items in order with at most {@code max} unfinished at once: the next starts when one ends (however it
 * ends). Callback-driven, so no thread waits for a slot and tests drive it by completing futures.
 */
final class InFlightLimiter<T> {

    private final List<T> items;
    private final int max;
    private final Function<T, CompletionStage<?>> start;
    private final CompletableFuture<Void> allStarted = new CompletableFuture<>();
    private final CompletableFuture<Void> allEnded = new CompletableFuture<>();
    private int next;
    private int running;
    private int ended;

    InFlightLimiter(List<T> items, int max, Function<T, CompletionStage<?>> start) {
        if (max < 1) {
            throw new IllegalArgumentException("max " + max);
        }
        this.items = List.copyOf(items);
        this.max = max;
        this.start = start;
    }

    /** Starts the first {@code max} items; the returned future completes once every item has ended. */
    CompletableFuture<Void> run() {
        if (items.isEmpty()) {
            allStarted.complete(null);
            allEnded.complete(null);
        }
        startWhatFits();
        return allEnded;
    }

    /** Completes once the last item has started. */
    CompletableFuture<Void> allStarted() {
        return allStarted;
    }

    synchronized int running() {
        return running;
    }

    private void startWhatFits() {
        while (true) {
            T item;
            synchronized (this) {
                if (running >= max || next >= items.size()) {
                    return;
                }
                item = items.get(next++);
                running++;
                if (next == items.size()) {
                    allStarted.complete(null);
                }
            }
            CompletionStage<?> done;
            try {
                done = start.apply(item);
            } catch (RuntimeException e) {
                done = CompletableFuture.failedFuture(e);
            }
            done.whenComplete((result, error) -> {
                boolean last;
                synchronized (this) {
                    running--;
                    last = ++ended == items.size();
                }
                if (last) {
                    allEnded.complete(null);
                } else {
                    startWhatFits();
                }
            });
        }
    }
}
