package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Success before finally, also when the finally callback is registered on one thread just as the work completes on
 * another. Found as a rare failure of {@code BackgroundExecutorTest}: the worker had taken the success callbacks but
 * not yet queued them when the caller's {@code onFinally}, seeing the work done, queued its callback first.
 */
class SubmissionOrderTest {

    @Test
    void aFinallyRegisteredWhileTheWorkerHandsOverItsSuccessRunsAfterIt() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch workerInHandOver = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The UI executor runs what it is given at once; the worker's hand-over is held open until the caller tried.
        Executor ui = task -> {
            if (Thread.currentThread().getName().equals("worker")) {
                workerInHandOver.countDown();
                await(release);
            }
            task.run();
        };
        Submission<String> submission = new Submission<>(ui, new ErrorMessages());
        submission.onSuccess(value -> ran.add("success " + value));

        Thread worker = new Thread(() -> submission.succeed("done"), "worker");
        worker.start();
        assertThat(workerInHandOver.await(5, TimeUnit.SECONDS)).isTrue();
        Thread caller = new Thread(() -> submission.onFinally(() -> ran.add("finally")), "caller");
        caller.start();
        // The caller either waits for the hand-over to end or (the old order) queues its callback at once.
        Awaitility.await("the caller blocks or finishes").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(1))
                .until(() -> caller.getState() == Thread.State.BLOCKED || caller.getState() == Thread.State.TERMINATED);
        release.countDown();
        worker.join(5000);
        caller.join(5000);

        assertThat(ran).containsExactly("success done", "finally");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
