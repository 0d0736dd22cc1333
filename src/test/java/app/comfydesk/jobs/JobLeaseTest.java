package app.comfydesk.jobs;

import static app.comfydesk.jobs.EngineTestSupport.await;
import static app.comfydesk.jobs.EngineTestSupport.clients;
import static app.comfydesk.jobs.EngineTestSupport.fastSettings;
import static app.comfydesk.jobs.EngineTestSupport.loopbackServer;
import static app.comfydesk.jobs.EngineTestSupport.submission;
import static app.comfydesk.testing.FakeRunComfy.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.sandbox.MutableClock;
import app.comfydesk.testing.FakeRunComfy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines on one database file, each with a store of its own, like a {@code run} and a {@code jobs --resume}
 * side by side: only the lease holder follows a job, a crashed holder loses it once the lease runs out (time on the
 * injected clocks), and no output is ever saved twice.
 */
class JobLeaseTest {

    @TempDir
    Path dir;

    private final FakeRunComfy fake = new FakeRunComfy();
    private final JobEngineTest.FileHost host = new JobEngineTest.FileHost();
    private final AtomicBoolean done = new AtomicBoolean();
    private MockWebServer api;
    private MockWebServer files;
    private JobStore runStore;
    private JobStore resumeStore;

    @BeforeEach
    void setUp() throws Exception {
        api = loopbackServer();
        api.setDispatcher(fake);
        files = loopbackServer();
        files.setDispatcher(host);
        String base = "http://127.0.0.1:" + files.getPort();
        host.serve("/a.png", List.of(JobEngineTest.bytes(JobEngineTest.png(3000, 1))));
        host.serve("/b.png", List.of(JobEngineTest.bytes(JobEngineTest.png(4000, 2))));
        fake.status = (id, n) -> done.get() ? FakeRunComfy.script("completed").apply(id, n)
                : FakeRunComfy.script("in_queue:1", "in_progress").apply(id, n);
        fake.result = id -> json("{\"status\":\"succeeded\",\"outputs\":{\"9\":{\"images\":["
                + "{\"url\":\"" + base + "/a.png\",\"filename\":\"ComfyUI_00001_.png\"},"
                + "{\"url\":\"" + base + "/b.png\",\"filename\":\"ComfyUI_00002_.png\"}]}}}");
        runStore = JobStore.open(dir.resolve("data/jobs.db"));
        resumeStore = JobStore.open(dir.resolve("data/jobs.db"));
    }

    @AfterEach
    void tearDown() {
        runStore.close();
        resumeStore.close();
        api.close();
        files.close();
    }

    private JobEngine engine(JobStore store, MutableClock clock, List<JobEvent> events) {
        return engine(store, clock, events, EngineScheduler.system());
    }

    private JobEngine engine(JobStore store, MutableClock clock, List<JobEvent> events, EngineScheduler scheduler) {
        JobEngine engine = new JobEngine(store, clients(Duration.ofSeconds(5)),
                fastSettings(dir.resolve("out")).withClock(clock), scheduler);
        engine.addListener(events::add);
        return engine;
    }

    private List<String> savedFiles() throws Exception {
        try (Stream<Path> all = Files.walk(dir.resolve("out"))) {
            return all.filter(Files::isRegularFile).map(p -> dir.resolve("out").relativize(p).toString()).sorted()
                    .toList();
        }
    }

    @Test
    void aResumeBesideALiveRunLeavesItsJobAloneAndSeesItEnd() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        List<JobEvent> runEvents = new CopyOnWriteArrayList<>();
        List<JobEvent> resumeEvents = new CopyOnWriteArrayList<>();
        JobEngine run = engine(runStore, clock, runEvents);
        JobEngine resume = engine(resumeStore, clock, resumeEvents);
        try {
            run.start(job -> false).join();
            Job job = run.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
            resume.start(j -> true).join();
            assertThat(resume.followedElsewhere().get()).containsExactly(job.id());
            assertThat(runStore.lease(job.id()).orElseThrow().owner()).isEqualTo(run.owner());

            done.set(true);
            await("the run saved both outputs", () -> runStore.find(job.id()).orElseThrow().status()
                    == JobStatus.SUCCEEDED);
            // The heartbeat (on the clock) shows the resume that the job ended under the run.
            clock.advance(JobEngine.HEARTBEAT);
            resume.beat().get(10, TimeUnit.SECONDS);
            await("the resume saw the end", () -> resumeEvents.stream().anyMatch(e -> e instanceof
                    JobEvent.StatusChanged c && c.job().id() == job.id() && c.job().status() == JobStatus.SUCCEEDED));

            assertThat(savedFiles()).containsExactly("req-1/ComfyUI_00001_.png", "req-1/ComfyUI_00002_.png");
            assertThat(host.hits("/a.png")).isEqualTo(1);
            assertThat(host.hits("/b.png")).isEqualTo(1);
            assertThat(fake.count("GET", "/req-1/result")).isEqualTo(1);
            assertThat(runStore.lease(job.id())).as("an ended job is nobody's").isEmpty();
        } finally {
            run.close();
            resume.close();
        }
    }

    @Test
    void aCrashedHolderLosesItsJobOnlyWhenTheLeaseRunsOut() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        List<JobEvent> resumeEvents = new CopyOnWriteArrayList<>();
        // The run's poll ticker stands still: it must not ask for the status before it is killed (its first poll
        // is due 5 ms after the submit, which a busy machine let happen before the halt), so every status call the
        // server sees is the resume's.
        JobEngine run = engine(runStore, clock, new CopyOnWriteArrayList<>(), EngineScheduler.withTicker(() -> 0L));
        run.start(job -> false).join();
        Job job = run.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        run.halt();   // kill -9: the lease stays in the database, nobody renews it

        done.set(true);
        JobEngine resume = engine(resumeStore, clock, resumeEvents);
        try {
            resume.start(j -> true).join();
            assertThat(resume.followedElsewhere().get()).containsExactly(job.id());
            clock.advance(JobEngine.LEASE.minusSeconds(1));
            resume.beat().get(10, TimeUnit.SECONDS);
            assertThat(resume.followedElsewhere().get()).as("not while the lease may be live")
                    .containsExactly(job.id());
            assertThat(resumeStore.lease(job.id()).orElseThrow().owner()).isEqualTo(run.owner());
            assertThat(fake.count("GET", "/req-1/status")).isZero();

            clock.advance(Duration.ofSeconds(2));   // the lease has run out
            resume.beat().get(10, TimeUnit.SECONDS);
            assertThat(resume.followedElsewhere().get()).isEmpty();
            assertThat(resumeStore.lease(job.id()).orElseThrow().owner()).isEqualTo(resume.owner());
            await("the resume took the job over and finished it", () -> resumeStore.find(job.id()).orElseThrow()
                    .status() == JobStatus.SUCCEEDED);
            assertThat(savedFiles()).containsExactly("req-1/ComfyUI_00001_.png", "req-1/ComfyUI_00002_.png");
        } finally {
            resume.close();
        }
    }

    @Test
    void anOutputSavedCompletelyIsNeverSavedAgainAndAPartFileIsNotTakenForOne() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        done.set(true);
        // Left as a process killed after moving a.png into place but before recording it, while b.png was still
        // arriving as a .part file.
        long id = plannedJob(clock.instant(), JobStatus.DOWNLOADING).id();
        Files.write(dir.resolve("out/req-1/ComfyUI_00002_.png.1234.part"), new byte[100]);
        JobEngine resume = engine(resumeStore, clock, new CopyOnWriteArrayList<>());
        try {
            resume.start(j -> true).join();
            await("the job finished", () -> resumeStore.find(id).orElseThrow().status() == JobStatus.SUCCEEDED);
            assertThat(host.hits("/a.png")).as("already saved completely").isZero();
            assertThat(host.hits("/b.png")).as("only a .part: downloaded").isEqualTo(1);
            assertThat(resumeStore.find(id).orElseThrow().outputs()).extracting(JobOutput::bytes)
                    .containsExactly(3000L, 4000L);
            assertThat(savedFiles()).containsExactly("req-1/ComfyUI_00001_.png", "req-1/ComfyUI_00002_.png");
        } finally {
            resume.close();
        }
    }

    @Test
    void theSameResultReadAgainKeepsItsPlannedPaths() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        done.set(true);
        // Killed after planning the outputs and saving one, but before the job became DOWNLOADING.
        Job job = plannedJob(clock.instant(), JobStatus.RUNNING);
        JobEngine resume = engine(resumeStore, clock, new CopyOnWriteArrayList<>());
        try {
            resume.start(j -> true).join();
            await("the job finished", () -> resumeStore.find(job.id()).orElseThrow().status()
                    == JobStatus.SUCCEEDED);
            assertThat(savedFiles()).containsExactly("req-1/ComfyUI_00001_.png", "req-1/ComfyUI_00002_.png");
            assertThat(host.hits("/a.png")).isZero();
        } finally {
            resume.close();
        }
    }

    /** A job whose two outputs were planned (into out/req-1), the first of them saved completely, in {@code status}. */
    private Job plannedJob(Instant at, JobStatus status) throws Exception {
        Job job = runStore.create(submission(api, "x"), at, null, java.time.Duration.ZERO);
        Path folder = dir.resolve("out/req-1");
        runStore.markSubmitted(job.id(), "req-1", folder, at);
        String base = "http://127.0.0.1:" + files.getPort();
        runStore.saveOutputs(job.id(), List.of(
                new JobOutput(0, "9", "images", base + "/a.png", "ComfyUI_00001_.png", null,
                        folder.resolve("ComfyUI_00001_.png"), 0, OutputState.PENDING, null),
                new JobOutput(1, "9", "images", base + "/b.png", "ComfyUI_00002_.png", null,
                        folder.resolve("ComfyUI_00002_.png"), 0, OutputState.PENDING, null)));
        runStore.updateStatus(job.id(), status, null, null, null, at);
        Files.createDirectories(folder);
        Files.write(folder.resolve("ComfyUI_00001_.png"), JobEngineTest.png(3000, 1));
        return job;
    }
}
