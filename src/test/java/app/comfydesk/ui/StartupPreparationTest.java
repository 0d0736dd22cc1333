package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StartupPreparationTest {

    @Test
    void theSecondStepWaitsUntilToldToProceed() throws Exception {
        AtomicBoolean secondRan = new AtomicBoolean();
        StartupPreparation<String, Integer> preparation = StartupPreparation.inBackground(() -> "theme",
                first -> {
                    secondRan.set(true);
                    return first.length();
                });

        assertThat(preparation.firstFrame().get(5, TimeUnit.SECONDS)).isEqualTo("theme");
        // Not "still not run after 100 ms": the preparation thread is seen parked in StartupPreparation.run after
        // the first step, which is where it waits for proceed(); until then the second step cannot have run.
        Thread preparing = org.awaitility.Awaitility.await("the preparation thread parks")
                .atMost(java.time.Duration.ofSeconds(5)).pollInterval(java.time.Duration.ofMillis(5))
                .until(StartupPreparationTest::preparationThread, t -> t != null
                        && t.getState() == Thread.State.WAITING);
        assertThat(preparing.getStackTrace()).anyMatch(f -> f.getClassName().equals(StartupPreparation.class
                .getName()) && f.getMethodName().equals("run"));
        assertThat(secondRan).isFalse();
        assertThat(preparation.services()).isNotDone();

        preparation.proceed();
        assertThat(preparation.services().get(5, TimeUnit.SECONDS)).isEqualTo(5);
    }

    /** The live "start-up preparation" thread (the last one started, if an earlier test's is still ending). */
    private static Thread preparationThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("start-up preparation"))
                .filter(t -> t.getState() != Thread.State.TERMINATED).max(java.util.Comparator.comparingLong(
                        Thread::getId)).orElse(null);
    }

    @Test
    void aFailedFirstStepFailsBothAndSkipsTheSecond() {
        AtomicBoolean secondRan = new AtomicBoolean();
        StartupPreparation<String, Integer> preparation = StartupPreparation.now(() -> {
            throw new IllegalStateException("Cannot create the folder /x");
        }, first -> {
            secondRan.set(true);
            return 1;
        });

        assertThatThrownBy(() -> preparation.firstFrame().join()).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("Cannot create the folder /x");
        assertThatThrownBy(() -> preparation.services().join()).hasRootCauseMessage("Cannot create the folder /x");
        assertThat(secondRan).isFalse();
    }

    @Test
    void aFailedSecondStepLeavesTheFirstFrameAlone() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        StartupPreparation<String, Integer> preparation = StartupPreparation.inBackground(() -> "light", first -> {
            started.countDown();
            throw new IllegalStateException("settings unreadable");
        });
        preparation.proceed();

        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(preparation.firstFrame().join()).isEqualTo("light");
        assertThatThrownBy(() -> preparation.services().join()).hasRootCauseMessage("settings unreadable");
    }
}
