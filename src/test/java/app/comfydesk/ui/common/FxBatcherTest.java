package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FxBatcherTest {

    record Event(String job, String state) {
    }

    /** A fake FX thread: scheduled drains wait until the test pumps them. */
    private final Queue<Runnable> fxQueue = new ArrayDeque<>();

    @Test
    void aBurstOfEventsCostsOneScheduledDrain() {
        List<List<Integer>> batches = new ArrayList<>();
        FxBatcher<Integer> batcher = FxBatcher.on(fxQueue::add, null, batches::add);
        for (int i = 0; i < 10_000; i++) {
            batcher.post(i);
        }
        assertThat(fxQueue).hasSize(1);
        fxQueue.poll().run();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(10_000).startsWith(0, 1, 2).endsWith(9_999);
    }

    @Test
    void eventsAfterADrainScheduleTheNextOne() {
        List<List<Integer>> batches = new ArrayList<>();
        FxBatcher<Integer> batcher = FxBatcher.on(fxQueue::add, null, batches::add);
        batcher.post(1);
        fxQueue.poll().run();
        batcher.post(2);
        batcher.post(3);
        assertThat(fxQueue).hasSize(1);
        fxQueue.poll().run();
        assertThat(batches).containsExactly(List.of(1), List.of(2, 3));
    }

    @Test
    void coalescingKeepsOnlyTheLatestEventPerKey() {
        List<List<Event>> batches = new ArrayList<>();
        FxBatcher<Event> batcher = FxBatcher.on(fxQueue::add, Event::job, batches::add);
        batcher.post(new Event("a", "queued"));
        batcher.post(new Event("b", "queued"));
        batcher.post(new Event("a", "running"));
        fxQueue.poll().run();
        assertThat(batches).containsExactly(List.of(new Event("b", "queued"), new Event("a", "running")));
    }

    @Test
    void threadsPostingConcurrentlyLoseNothing() throws Exception {
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        FxBatcher<Integer> batcher = FxBatcher.on(Runnable::run, Function.identity(), seen::addAll);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int base = t * 1000;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    batcher.post(base + i);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(4000).doesNotHaveDuplicates();
    }
}
