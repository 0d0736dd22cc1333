package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

class BackgroundExecutorTest {

    static final class FormatProblem extends Exception {
        FormatProblem(String message) {
            super(message);
        }
    }

    @Test
    void sameThreadExecutorDeliversSuccessThenFinally() {
        List<String> calls = new CopyOnWriteArrayList<>();
        new SameThreadBackgroundExecutor().submit(() -> 42)
                .onSuccess(value -> calls.add("success " + value))
                .onError(error -> calls.add("error"))
                .onFinally(() -> calls.add("finally"));
        assertThat(calls).containsExactly("success 42", "finally");
    }

    @Test
    void errorsAreMappedToWordsByRegisteredMappers() {
        ErrorMessages messages = new ErrorMessages()
                .register(FormatProblem.class, problem -> "Not a workflow: " + problem.getMessage());
        List<String> calls = new CopyOnWriteArrayList<>();
        new SameThreadBackgroundExecutor(messages).submit(() -> {
            throw new FormatProblem("line 3");
        }).onSuccess(value -> calls.add("success")).onError(error -> calls.add(error.message()));
        assertThat(calls).containsExactly("Not a workflow: line 3");
    }

    @Test
    void unknownErrorsNeverShowAStackTrace() {
        UserFacingError error = new ErrorMessages().toUserError(
                new java.util.concurrent.CompletionException(new NoSuchFileException("/tmp/x.json")));
        assertThat(error.message()).isEqualTo("File not found: /tmp/x.json. Check that it still exists.");
        assertThat(new ErrorMessages().toUserError(new IllegalStateException("boom")).message())
                .isEqualTo("Unexpected error (IllegalStateException): boom");
    }

    @Test
    void poolExecutorRunsOffTheCallingThreadAndDeliversThroughTheUiExecutor() throws Exception {
        ExecutorService ui = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "fake-fx"));
        CountDownLatch done = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        try (ThreadPoolBackgroundExecutor executor = new ThreadPoolBackgroundExecutor(new ErrorMessages(), 2, ui)) {
            executor.submit(() -> Thread.currentThread().getName())
                    .onSuccess(worker -> {
                        threads.add(worker);
                        threads.add(Thread.currentThread().getName());
                    })
                    .onFinally(done::countDown);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            ui.shutdownNow();
        }
        assertThat(threads.get(0)).startsWith("comfydesk-background-");
        assertThat(threads.get(1)).isEqualTo("fake-fx");
    }

    @Test
    void callbacksRegisteredAfterCompletionStillRun() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (ThreadPoolBackgroundExecutor executor =
                     new ThreadPoolBackgroundExecutor(new ErrorMessages(), 1, Runnable::run)) {
            Submission<String> submission = executor.submit(() -> "ready");
            org.awaitility.Awaitility.await("the submission is done").atMost(java.time.Duration.ofSeconds(5))
                    .pollInterval(java.time.Duration.ofMillis(1)).until(submission::isDone);
            submission.onSuccess(value -> done.countDown());
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void workAskedForAfterCloseIsDroppedNotThrown() {
        // Quitting before start-up finished: a late refresh or thumbnail decode must not throw on the FX thread.
        AtomicBoolean ran = new AtomicBoolean();
        ThreadPoolBackgroundExecutor executor = new ThreadPoolBackgroundExecutor(new ErrorMessages(), 1, Runnable::run);
        executor.close();
        Submission<Boolean> late = executor.submit(() -> ran.getAndSet(true));
        assertThat(late.isDone()).isFalse();
        assertThat(ran).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"wait", "file lock"})
    void workInterruptedByCloseIsOneDebugLineNotAWarningWithATrace(String blockedIn,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ThreadPoolBackgroundExecutor.class);
        var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.start();
        ch.qos.logback.classic.Level previous = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        logger.addAppender(appender);
        try {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch ended = new CountDownLatch(1);
            ThreadPoolBackgroundExecutor executor =
                    new ThreadPoolBackgroundExecutor(new ErrorMessages(), 1, Runnable::run);
            executor.submit(() -> {
                started.countDown();
                if (blockedIn.equals("wait")) {
                    return new java.util.concurrent.CompletableFuture<String>().get(); // a call never answered
                }
                // Busy until close interrupts this worker, then a blocking call: the sandbox's storage taking its
                // folder's file lock while the app quits.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                try (var channel = java.nio.channels.FileChannel.open(folder.resolve("lock"),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                        var lock = channel.lock()) {
                    return "locked";
                }
            }).onFinally(ended::countDown);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            executor.close();
            assertThat(ended.await(10, TimeUnit.SECONDS)).as("the interrupted work ended").isTrue();

            assertThat(appender.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.DEBUG);
                assertThat(event.getThrowableProxy()).isNull();
            });
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(previous);
        }
    }
}
