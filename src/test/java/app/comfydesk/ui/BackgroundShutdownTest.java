package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Quitting hands the slow closing to the background; the process exits when it is done or the bound passed. */
class BackgroundShutdownTest {

    private final Deque<Runnable> closer = new ArrayDeque<>();
    private final List<Runnable> timers = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final AtomicInteger exits = new AtomicInteger();
    private final List<String> closed = new ArrayList<>();

    private BackgroundShutdown shutdown() {
        return new BackgroundShutdown(closer::add, (delay, work) -> {
            delays.add(delay);
            timers.add(work);
        }, Duration.ofSeconds(12), exits::incrementAndGet);
    }

    private BackgroundShutdown.Step step(String name) {
        return new BackgroundShutdown.Step(name, () -> closed.add(name));
    }

    @Test
    void beginClosesNothingOnTheCallingThreadAndTheStepsCloseInOrderInTheBackground() {
        shutdown().begin(List.of(step("engine"), new BackgroundShutdown.Step("store", () -> {
            throw new IllegalStateException("already closed");
        }), step("sandbox")));

        // The caller (the FX thread) got its thread back before anything was closed.
        assertThat(closed).isEmpty();
        assertThat(exits).hasValue(0);

        closer.poll().run();
        assertThat(closed).containsExactly("engine", "sandbox");
        // Done in time: the process ends by itself (no thread left), the bound does not end it.
        timers.forEach(Runnable::run);
        assertThat(exits).hasValue(0);
    }

    @Test
    void aClosingThatHangsEndsTheProcessWhenTheBoundPasses() {
        shutdown().begin(List.of(step("engine")));

        assertThat(delays).containsExactly(Duration.ofSeconds(12));
        timers.forEach(Runnable::run);
        assertThat(exits).hasValue(1);
        closer.poll().run(); // finishes after all: nothing more happens
        assertThat(exits).hasValue(1);
    }
}
