package app.comfydesk.jobs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Starts items in order with at most {@code max} unfinished at once: the next starts when one ends (however it
 * ends). Callback-driven, so no thread waits for a slot and tests drive it by completing futures. Shared by the
 * command line's {@code run --sweep} and the studio's sweeps, so both keep a sweep from flooding a queue alike.
 */
public final class InFlightLimiter<T> {

    private final List<T> items;
    private final int max;
    private final Function<T, CompletionStage<?>> start;
    private final CompletableFuture<Void> allStarted = new CompletableFuture<>();
    private final CompletableFuture<Void> allEnded = new CompletableFuture<>();
    private int next;
    private int running;
    private int ended;
    private boolean stopped;
    private final List<T> neverStarted = new java.util.ArrayList<>();

    public InFlightLimiter(List<T> items, int max, Function<T, CompletionStage<?>> start) {
        if (max < 1) {
            throw new IllegalArgumentException("max " + max);
        }
        this.items = List.copyOf(items);
        this.max = max;
        this.start = start;
    }

    /** Starts the first {@code max} items; the returned future completes once every item has ended. */
    public CompletableFuture<Void> run() {
        if (items.isEmpty()) {
            allStarted.complete(null);
            allEnded.complete(null);
        }
        startWhatFits();
        return allEnded;
    }

    /** Completes once the last item has started. */
    public CompletableFuture<Void> allStarted() {
        return allStarted;
    }

    public synchronized int running() {
        return running;
    }

    /**
     * Starts nothing more (a sweep cancelled as a whole): returns the items that had not started, which count as
     * ended at once; the returned future of {@link #run} completes when the started ones have ended.
     */
    public List<T> stop() {
        List<T> dropped;
        boolean last;
        synchronized (this) {
            if (stopped) {
                return List.of();
            }
            stopped = true;
            dropped = List.copyOf(items.subList(next, items.size()));
            neverStarted.addAll(dropped);
            ended += dropped.size();
            next = items.size();
            last = ended == items.size();
        }
        if (!allStarted.isDone()) {
            allStarted.complete(null);
        }
        if (last) {
            allEnded.complete(null);
        }
        return dropped;
    }

    /** The items {@link #stop} kept from starting. */
    public synchronized List<T> neverStarted() {
        return List.copyOf(neverStarted);
    }

    private void startWhatFits() {
        while (true) {
            T item;
            synchronized (this) {
                if (stopped || running >= max || next >= items.size()) {
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
