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
    void theFirstFrameHasItsNeedsWhileTheSecondStepStillRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        StartupPreparation<String, Integer> preparation = StartupPreparation.inBackground(() -> "theme",
                first -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return first.length();
                });

        assertThat(preparation.firstFrame().get(5, TimeUnit.SECONDS)).isEqualTo("theme");
        assertThat(preparation.services()).isNotDone();
        release.countDown();
        assertThat(preparation.services().get(5, TimeUnit.SECONDS)).isEqualTo(5);
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

        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(preparation.firstFrame().join()).isEqualTo("light");
        assertThatThrownBy(() -> preparation.services().join()).hasRootCauseMessage("settings unreadable");
    }
}
