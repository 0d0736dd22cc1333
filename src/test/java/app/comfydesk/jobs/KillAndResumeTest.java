package app.comfydesk.jobs;

import static app.comfydesk.jobs.EngineTestSupport.await;
import static app.comfydesk.jobs.EngineTestSupport.clients;
import static app.comfydesk.jobs.EngineTestSupport.fastSettings;
import static app.comfydesk.jobs.EngineTestSupport.loopbackServer;
import static app.comfydesk.jobs.EngineTestSupport.submission;
import static app.comfydesk.testing.FakeRunComfy.json;
import static org.assertj.core.api.Assertions.assertThat;

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
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drops an engine mid-job without shutdown and starts a new one on the same database. */
class KillAndResumeTest {

    @TempDir
    Path dir;

    @Test
    void everyUnfinishedJobResumesAndItsOutputsLandExactlyOnce() throws Exception {
        FakeRunComfy fake = new FakeRunComfy();
        JobEngineTest.FileHost host = new JobEngineTest.FileHost();
        AtomicBoolean finished = new AtomicBoolean(false);
        try (MockWebServer api = loopbackServer(); MockWebServer files = loopbackServer()) {
            api.setDispatcher(fake);
            files.setDispatcher(host);
            String base = "http://127.0.0.1:" + files.getPort();
            byte[] slow = JobEngineTest.png(100_000, 9);
            host.serve("/slow.png", List.of(
                    () -> new MockResponse.Builder().code(200).body(new Buffer().write(slow))
                            .throttleBody(1024, 1, TimeUnit.SECONDS).build(),
                    JobEngineTest.bytes(slow)));
            // req-1 finishes at once and stalls in its download; the others run until "finished" flips.
            fake.status = (id, n) -> id.equals("req-1") || finished.get()
                    ? FakeRunComfy.script("completed").apply(id, n)
                    : FakeRunComfy.script("in_queue:1", "in_progress").apply(id, n);
            fake.result = id -> json("{\"status\":\"succeeded\",\"outputs\":{\"9\":{\"images\":["
                    + (id.equals("req-1") ? "{\"url\":\"" + base + "/slow.png\",\"filename\":\"slow.png\"}"
                    : "{\"url\":\"" + base + "/" + id + "-a.png\",\"filename\":\"out.png\"},"
                    + "{\"url\":\"" + base + "/" + id + "-b.png\",\"filename\":\"out.png\"}") + "]}}}");
            for (String id : List.of("req-2", "req-3", "req-4")) {
                host.serve("/" + id + "-a.png", List.of(JobEngineTest.bytes(JobEngineTest.png(3000, 1))));
                host.serve("/" + id + "-b.png", List.of(JobEngineTest.bytes(JobEngineTest.png(4000, 2))));
            }

            Path db = dir.resolve("data/jobs.db");
            JobStore firstStore = JobStore.open(db);
            JobEngine first = new JobEngine(firstStore, clients(Duration.ofSeconds(5)), fastSettings(dir.resolve("out")));
            first.start().join();
            List<Long> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(first.submit(submission(api, "job " + i)).get(10, TimeUnit.SECONDS).id());
            }
            // A crash while sending: the job is in the store as SUBMITTING and was never answered.
            long sending = firstStore.create(submission(api, "sending"), Instant.now(), null, java.time.Duration.ZERO).id();
            await("the first job is downloading", () -> host.hits("/slow.png") == 1);
            await("the others are running", () -> ids.subList(1, 4).stream().allMatch(id ->
                    firstStore.find(id).orElseThrow().status() == JobStatus.RUNNING));
            assertThat(firstStore.find(ids.get(0)).orElseThrow().status()).isEqualTo(JobStatus.DOWNLOADING);

            first.halt();   // like a killed process: no close(), no final writes
            finished.set(true);

            try (JobStore secondStore = JobStore.open(db)) {
                List<JobEvent> events = new CopyOnWriteArrayList<>();
                // The killed process's leases still look live; the resume takes its jobs once they run out,
                // which its clock (injected, ahead by a lease) says they have.
                JobEngine second = new JobEngine(secondStore, clients(Duration.ofSeconds(5)),
                        fastSettings(dir.resolve("out")).withClock(java.time.Clock.offset(java.time.Clock.systemUTC(),
                                JobEngine.LEASE.plusSeconds(1))));
                second.addListener(events::add);
                second.start().join();
                for (long id : ids) {
                    await("job " + id + " succeeded",
                            () -> secondStore.find(id).orElseThrow().status() == JobStatus.SUCCEEDED);
                }
                assertThat(secondStore.find(sending).orElseThrow().status())
                        .isEqualTo(JobStatus.SUBMISSION_UNCERTAIN);
                second.close();

                assertThat(fake.count("POST", "/inference")).isEqualTo(4);
                assertThat(host.hits("/slow.png")).isEqualTo(2);
                assertThat(Files.readAllBytes(dir.resolve("out/req-1/slow.png"))).isEqualTo(slow);
                for (String id : List.of("req-2", "req-3", "req-4")) {
                    assertThat(host.hits("/" + id + "-a.png")).isEqualTo(1);
                    try (Stream<Path> saved = Files.list(dir.resolve("out").resolve(id))) {
                        assertThat(saved.map(p -> p.getFileName().toString()).sorted())
                                .containsExactly("out.png", "out_1.png");
                    }
                }
                try (Stream<Path> all = Files.walk(dir.resolve("out"))) {
                    assertThat(all.filter(Files::isRegularFile)).hasSize(7);
                }
                assertThat(events).filteredOn(JobEvent.OutputSaved.class::isInstance).hasSize(7);
            }
            firstStore.close();
        }
    }
}
