package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InFlightLimiterTest {

    @Test
    void neverMoreThanTheLimitAreUnfinishedAndEachEndStartsTheNext() {
        List<Integer> started = new ArrayList<>();
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        int[] maxRunning = {0};
        InFlightLimiter<Integer>[] holder = new InFlightLimiter[1];
        holder[0] = new InFlightLimiter<>(IntStream.range(0, 7).boxed().toList(), 3, item -> {
            started.add(item);
            CompletableFuture<Void> end = new CompletableFuture<>();
            ends.add(end);
            maxRunning[0] = Math.max(maxRunning[0], holder[0].running());
            return end;
        });
        CompletableFuture<Void> all = holder[0].run();
        assertThat(started).containsExactly(0, 1, 2);
        ends.get(1).complete(null);
        assertThat(started).containsExactly(0, 1, 2, 3);
        ends.get(0).completeExceptionally(new IllegalStateException("a failed job also frees its slot"));
        ends.get(2).complete(null);
        assertThat(started).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(holder[0].allStarted()).isNotDone();
        ends.get(3).complete(null);
        assertThat(started).hasSize(7);
        assertThat(holder[0].allStarted()).isDone();
        assertThat(all).isNotDone();
        ends.subList(4, 7).forEach(f -> f.complete(null));
        assertThat(all).isCompleted();
        assertThat(maxRunning[0]).isEqualTo(3);
        assertThat(holder[0].running()).isZero();
    }

    @Test
    void aStartThatThrowsCountsAsEnded() {
        List<Integer> started = new ArrayList<>();
        CompletableFuture<Void> all = new InFlightLimiter<Integer>(List.of(1, 2, 3), 1, item -> {
            started.add(item);
            throw new IllegalStateException("could not submit");
        }).run();
        assertThat(started).containsExactly(1, 2, 3);
        assertThat(all).isCompleted();
    }

    @Test
    void nothingToStartIsDoneAtOnce() {
        assertThat(new InFlightLimiter<Integer>(List.of(), 2, item -> new CompletableFuture<>()).run()).isDone();
    }

    @Test
    void stopStartsNothingMoreAndEndsOnceTheStartedOnesEnd() {
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        InFlightLimiter<Integer> limiter = new InFlightLimiter<>(List.of(1, 2, 3, 4, 5), 2, item -> {
            CompletableFuture<Void> end = new CompletableFuture<>();
            ends.add(end);
            return end;
        });
        CompletableFuture<Void> all = limiter.run();
        assertThat(limiter.stop()).containsExactly(3, 4, 5);
        ends.get(0).complete(null);
        assertThat(ends).hasSize(2);
        assertThat(all).isNotDone();
        ends.get(1).complete(null);
        assertThat(all).isCompleted();
        assertThat(limiter.neverStarted()).containsExactly(3, 4, 5);
        assertThat(limiter.stop()).isEmpty();
    }
}
