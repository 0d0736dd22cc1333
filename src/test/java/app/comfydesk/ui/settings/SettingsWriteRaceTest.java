package app.comfydesk.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.ErrorMessages;
import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import app.comfydesk.ui.common.ScriptedBackgroundExecutor;
import app.comfydesk.ui.common.Submission;
import app.comfydesk.ui.common.ThreadPoolBackgroundExecutor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings and secrets are written by one serial writer: no write can overtake or undo a newer one. */
class SettingsWriteRaceTest {

    @TempDir
    Path config;

    @Test
    void anOlderSettingsSnapshotNeverLandsAfterANewerOne() {
        SettingsStore store = new SettingsStore(config);
        FirstOnAPoolThenInline executor = new FirstOnAPoolThenInline();
        SettingsService service = new SettingsService(store, new InMemorySecretStore(), executor);

        // The test holds the store's lock, so the first write is stuck between its snapshot and the file.
        synchronized (store) {
            service.update(s -> s.withRecentFile("/w/first.json"));
            await().until(() -> executor.firstThread() != null
                    && executor.firstThread().getState() == Thread.State.BLOCKED);
            // A second change while the first write waits. Run inline on this thread (which holds the lock),
            // a write of its own would land first and the stuck older snapshot after it.
            service.update(s -> s.withRecentFile("/w/second.json"));
        }
        // Both writes have run (the old and the new design submit two).
        await().until(() -> executor.finished() == 2);

        assertThat(new SettingsStore(config).load().recentFiles()).startsWith("/w/second.json", "/w/first.json");
        executor.close();
    }

    @Test
    void secretsAreWrittenInTheOrderTheyWereChanged() throws Exception {
        InMemorySecretStore secrets = new InMemorySecretStore();
        ScriptedBackgroundExecutor executor = new ScriptedBackgroundExecutor();
        SettingsService service = new SettingsService(new SettingsStore(config), secrets, executor);

        service.putSecret("token", "old");
        service.putSecret("token", "new");
        // Whatever the pool would pick first, the newest waiting write runs first here.
        while (executor.waiting() > 0) {
            executor.readNewest().land();
        }

        assertThat(secrets.get("token")).contains("new");
        assertThat(service.secret("token")).contains("new");
    }

    /** The first work goes to a real pool thread; later work runs on the submitting thread. */
    private static final class FirstOnAPoolThenInline implements BackgroundExecutor {
        private final ThreadPoolBackgroundExecutor pool = new ThreadPoolBackgroundExecutor(new ErrorMessages(), 1,
                Runnable::run);
        private final SameThreadBackgroundExecutor inline = new SameThreadBackgroundExecutor();
        private final AtomicInteger submitted = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicReference<Thread> firstThread = new AtomicReference<>();

        @Override
        public <T> Submission<T> submit(Callable<T> work) {
            boolean first = submitted.getAndIncrement() == 0;
            Callable<T> counted = () -> {
                if (first) {
                    firstThread.set(Thread.currentThread());
                }
                try {
                    return work.call();
                } finally {
                    finished.incrementAndGet();
                }
            };
            return first ? pool.submit(counted) : inline.submit(counted);
        }

        @Override
        public <T> Submission<T> follow(java.util.concurrent.CompletionStage<T> running) {
            return inline.follow(running);
        }

        Thread firstThread() {
            return firstThread.get();
        }

        int finished() {
            return finished.get();
        }

        @Override
        public void close() {
            pool.close();
        }
    }
}
