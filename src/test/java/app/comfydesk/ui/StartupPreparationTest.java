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
        Thread.sleep(100);
        assertThat(secondRan).isFalse();
        assertThat(preparation.services()).isNotDone();

        preparation.proceed();
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
        preparation.proceed();

        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(preparation.firstFrame().join()).isEqualTo("light");
        assertThatThrownBy(() -> preparation.services().join()).hasRootCauseMessage("settings unreadable");
    }
}
