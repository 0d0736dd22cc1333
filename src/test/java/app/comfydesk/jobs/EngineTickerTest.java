package app.comfydesk.jobs;

import static app.comfydesk.jobs.EngineTestSupport.clients;
import static app.comfydesk.jobs.EngineTestSupport.loopbackServer;
import static app.comfydesk.jobs.EngineTestSupport.ms;
import static app.comfydesk.jobs.EngineTestSupport.submission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.comfydesk.testing.FakeRunComfy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poller's due times come from the injected ticker: a test moves time instead of sleeping through it. */
class EngineTickerTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final FakeRunComfy fake = new FakeRunComfy();
    private final AtomicLong ticker = new AtomicLong();
    private MockWebServer api;
    private JobStore store;
    private JobEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        api = loopbackServer();
        api.setDispatcher(fake);
        store = JobStore.open(dir.resolve("data/jobs.db"));
        // The first poll an hour after the submit; everything after it fast.
        EngineSettings settings = new EngineSettings(dir.resolve("out"),
                new PollSchedule(HOUR, ms(20), ms(0), ms(20), ms(5), ms(60), ms(150)), 8, 3, Duration.ofSeconds(2),
                Duration.ofSeconds(2), 3, ms(10), Clock.systemUTC());
        engine = new JobEngine(store, clients(Duration.ofSeconds(2)), settings,
                EngineScheduler.withTicker(ticker::get));
        engine.start().join();
    }

    @AfterEach
    void tearDown() {
        engine.close();
        store.close();
        api.close();
    }

    @Test
    void aJobIsFirstPolledWhenTheTickerReachesItsDueTime() {
        Job job = engine.submit(submission(api, "a fox")).join();
        assertThat(fake.count("GET", "/status")).isZero();

        ticker.addAndGet(HOUR.toNanos());

        await().atMost(Duration.ofSeconds(15)).until(() -> store.find(job.id()).orElseThrow().status()
                == JobStatus.SUCCEEDED);
        assertThat(fake.count("GET", "/status")).isEqualTo(1);
    }
}
