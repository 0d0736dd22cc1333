package app.comfydesk.jobs;

import static app.comfydesk.jobs.EngineTestSupport.TOKEN;
import static app.comfydesk.jobs.EngineTestSupport.await;
import static app.comfydesk.jobs.EngineTestSupport.clients;
import static app.comfydesk.jobs.EngineTestSupport.fastSettings;
import static app.comfydesk.jobs.EngineTestSupport.loopbackServer;
import static app.comfydesk.jobs.EngineTestSupport.ms;
import static app.comfydesk.jobs.EngineTestSupport.submission;
import static app.comfydesk.testing.FakeRunComfy.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.CancelOutcome;
import app.comfydesk.api.SubmissionUncertainException;
import app.comfydesk.sandbox.MutableClock;
import app.comfydesk.testing.FakeRunComfy;
import app.comfydesk.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobEngineTest {

    @TempDir
    Path dir;

    private MockWebServer api;
    private MockWebServer files;
    private final FakeRunComfy fake = new FakeRunComfy();
    private final FileHost host = new FileHost();
    private JobStore store;
    private JobEngine engine;
    private final List<JobEvent> events = new CopyOnWriteArrayList<>();

    /** The second origin that hosts outputs: path → answers (the last one repeats). */
    static final class FileHost extends Dispatcher {
        final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
        final Map<String, List<Supplier<MockResponse>>> answers = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

        void serve(String path, List<Supplier<MockResponse>> responses) {
            answers.put(path, responses);
        }

        int hits(String path) {
            return hits.getOrDefault(path, new AtomicInteger()).get();
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            String path = request.getUrl().encodedPath();
            int n = hits.computeIfAbsent(path, k -> new AtomicInteger()).getAndIncrement();
            List<Supplier<MockResponse>> list = answers.get(path);
            if (list == null) {
                return new MockResponse.Builder().code(404).build();
            }
            return list.get(Math.min(n, list.size() - 1)).get();
        }
    }

    static Supplier<MockResponse> bytes(byte[] content) {
        return () -> new MockResponse.Builder().code(200).addHeader("Content-Type", "image/png")
                .addHeader("Set-Cookie", "session=abc; Path=/").body(new Buffer().write(content)).build();
    }

    static byte[] png(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @BeforeEach
    void setUp() throws Exception {
        api = loopbackServer();
        api.setDispatcher(fake);
        files = loopbackServer();
        files.setDispatcher(host);
        store = JobStore.open(dir.resolve("data/jobs.db"));
        engine = newEngine(Duration.ofSeconds(2));
    }

    private JobEngine newEngine(Duration responseTimeout) {
        JobEngine e = new JobEngine(store, clients(responseTimeout), fastSettings(dir.resolve("out")));
        e.addListener(events::add);
        e.start().join();
        return e;
    }

    @AfterEach
    void tearDown() {
        engine.close();
        store.close();
        api.close();
        files.close();
    }

    private String fileUrl(String path) {
        return "http://127.0.0.1:" + files.getPort() + path;
    }

    private void resultWithOutputs(String outputsJson) {
        fake.result = id -> json("{\"request_id\":\"" + id + "\",\"status\":\"succeeded\",\"outputs\":" + outputsJson
                + "}");
    }

    private Job awaitStatus(long id, JobStatus status) {
        await("job " + id + " is " + status, () -> store.find(id).orElseThrow().status() == status);
        return store.find(id).orElseThrow();
    }

    @Test
    void lifecycleFromSubmitToSavedOutputsOnASecondOriginWithoutCredentials() throws Exception {
        fake.status = FakeRunComfy.script("in_queue:2", "in_queue:0", "in_progress", "completed");
        byte[] a = png(5000, 1);
        byte[] b = png(7000, 2);
        host.serve("/a.png", List.of(bytes(a)));
        host.serve("/moved.png", List.of(() -> new MockResponse.Builder().code(302)
                .addHeader("Location", fileUrl("/b.png")).build()));
        host.serve("/b.png", List.of(bytes(b)));
        resultWithOutputs("{\"136\":{\"images\":[{\"url\":\"" + fileUrl("/a.png") + "\",\"filename\":\"a.png\","
                + "\"subfolder\":\"\",\"type\":\"output\"},{\"url\":\"" + fileUrl("/moved.png")
                + "\",\"filename\":\"b.png\",\"subfolder\":\"batch\"}]}}");

        Job submitted = engine.submit(submission(api, "a red fox")).get(10, TimeUnit.SECONDS);
        assertThat(submitted.requestId()).isEqualTo("req-1");
        Job done = awaitStatus(submitted.id(), JobStatus.SUCCEEDED);

        Path folder = dir.resolve("out/req-1");
        assertThat(Files.readAllBytes(folder.resolve("a.png"))).isEqualTo(a);
        assertThat(Files.readAllBytes(folder.resolve("batch/b.png"))).isEqualTo(b);
        assertThat(done.outputs()).extracting(JobOutput::state).containsOnly(OutputState.SAVED);
        assertThat(done.outputs()).extracting(JobOutput::bytes).containsExactly(5000L, 7000L);
        // Queue moves are history entries of their own (structured positions): the statuses, in order.
        assertThat(done.history().stream().map(StatusChange::status).distinct())
                .containsExactly(JobStatus.SUBMITTING,
                JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.DOWNLOADING, JobStatus.SUCCEEDED);
        assertThat(done.instanceId()).isEqualTo("inst-1");

        assertThat(host.requests).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getHeaders().get("Authorization")).isNull();
            assertThat(r.getHeaders().get("Cookie")).isNull();
        });
        assertThat(host.hits("/b.png")).isEqualTo(1);
        assertThat(fake.requests).allSatisfy(r -> assertThat(r.getHeaders().get("Authorization"))
                .isEqualTo("Bearer " + TOKEN));

        assertThat(events).filteredOn(e -> e instanceof JobEvent.StatusChanged sc && sc.job().queuePosition() != null)
                .extracting(e -> e.job().queuePosition()).contains(2, 0);
        assertThat(events).filteredOn(JobEvent.OutputSaved.class::isInstance).hasSize(2);
        assertThat(events.get(events.size() - 1).job().status()).isEqualTo(JobStatus.SUCCEEDED);
        try (Stream<Path> left = Files.walk(folder)) {
            assertThat(left.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void aSubmissionsOwnOutputFolderWinsOverTheEngineDefault() throws Exception {
        fake.status = FakeRunComfy.script("completed");
        byte[] a = png(300, 4);
        host.serve("/own.png", List.of(bytes(a)));
        resultWithOutputs("{\"9\":{\"images\":[{\"url\":\"" + fileUrl("/own.png") + "\",\"filename\":\"own.png\","
                + "\"subfolder\":\"\",\"type\":\"output\"}]}}");
        JobSubmission base = submission(api, "profile folder");
        Path profileFolder = dir.resolve("profile-pictures");
        JobSubmission own = new JobSubmission(base.target(), base.request(), base.edits(), base.workflowSource(),
                base.promptSnippet(), profileFolder);

        Job submitted = engine.submit(own).get(10, TimeUnit.SECONDS);
        awaitStatus(submitted.id(), JobStatus.SUCCEEDED);

        assertThat(Files.readAllBytes(profileFolder.resolve(submitted.requestId()).resolve("own.png"))).isEqualTo(a);
        assertThat(dir.resolve("out").resolve(submitted.requestId())).doesNotExist();
    }

    @Test
    void hostileFileNamesNeverEscapeTheRequestFolder() throws Exception {
        host.serve("/f", List.of(bytes(png(10, 3))));
        String f = fileUrl("/f");
        resultWithOutputs("{\"1\":{\"images\":["
                + "{\"url\":\"" + f + "\",\"filename\":\"../../evil.png\",\"subfolder\":\"\"},"
                + "{\"url\":\"" + f + "\",\"filename\":\"x.png\",\"subfolder\":\"../../../../tmp\"},"
                + "{\"url\":\"" + f + "\",\"filename\":\"/etc/passwd\",\"subfolder\":\"/\"},"
                + "{\"url\":\"" + f + "\",\"filename\":\"C:\\\\evil.png\",\"subfolder\":\"D:\\\\\"},"
                + "{\"url\":\"" + f + "\",\"filename\":\"CON.png\"},"
                + "{\"url\":\"" + f + "\",\"filename\":\"same.png\"},"
                + "{\"url\":\"" + f + "\",\"filename\":\"same.png\"},"
                + "{\"url\":\"" + f + "\",\"filename\":\"bell\\u0007.png\"}]}}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        Job done = awaitStatus(job.id(), JobStatus.SUCCEEDED);

        Path folder = dir.resolve("out/req-1").toAbsolutePath();
        assertThat(done.outputs()).hasSize(8).allSatisfy(o -> {
            assertThat(o.localPath().normalize().startsWith(folder)).isTrue();
            assertThat(Files.isRegularFile(o.localPath())).isTrue();
        });
        assertThat(done.outputs()).extracting(o -> folder.relativize(o.localPath()).toString().replace('\\', '/'))
                .containsExactly("evil.png", "tmp/x.png", "passwd", "D_/evil.png", "_CON.png", "same.png",
                        "same_1.png", "bell_.png");
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).filter(p -> !p.startsWith(folder))
                    .filter(p -> !p.startsWith(dir.resolve("data")))).isEmpty();
        }
    }

    @Test
    void droppedConnectionMidDownloadIsRetriedAndSavedWhole() throws Exception {
        byte[] content = png(200_000, 7);
        host.serve("/big.png", List.of(() -> new MockResponse.Builder().code(200)
                        .body(new Buffer().write(content))
                        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build(),
                bytes(content)));
        resultWithOutputs("{\"1\":{\"images\":[{\"url\":\"" + fileUrl("/big.png") + "\",\"filename\":\"big.png\"}]}}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        Job done = awaitStatus(job.id(), JobStatus.SUCCEEDED);
        assertThat(host.hits("/big.png")).isEqualTo(2);
        assertThat(Files.readAllBytes(done.outputs().get(0).localPath())).isEqualTo(content);
    }

    @Test
    void expiredOutputsAreMarkedAndNotRetriedForever() throws Exception {
        engine.close();
        EngineThreadProbe engineThread = new EngineThreadProbe();
        engine = new JobEngine(store, clients(Duration.ofSeconds(2)), fastSettings(dir.resolve("out")),
                engineThread.scheduler());
        engine.start().join();
        host.serve("/ok.png", List.of(bytes(png(10, 1))));
        host.serve("/gone.png", List.of(() -> new MockResponse.Builder().code(410).build()));
        resultWithOutputs("{\"1\":{\"images\":[{\"url\":\"" + fileUrl("/ok.png") + "\"},{\"url\":\""
                + fileUrl("/gone.png") + "\"},{\"url\":\"" + fileUrl("/missing.png") + "\"}]}}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        Job done = awaitStatus(job.id(), JobStatus.OUTPUTS_EXPIRED);
        assertThat(done.outputs()).extracting(JobOutput::state)
                .containsExactly(OutputState.SAVED, OutputState.EXPIRED, OutputState.EXPIRED);
        // Not "no retry within 200 ms" but "no retry at all": once the engine thread has done the round's
        // bookkeeping (this call runs after it), no download round is waiting to run again.
        engine.failingSince(job.id()).get(5, TimeUnit.SECONDS);
        assertThat(engineThread.waitingLater()).as("download rounds waiting to run").isZero();
        assertThat(engineThread.laterDelays()).as("download rounds scheduled again").isEmpty();
        assertThat(host.hits("/gone.png")).isEqualTo(1);
        assertThat(host.hits("/missing.png")).isEqualTo(1);
        assertThat(done.errorMessage()).contains("expired");

        host.serve("/gone.png", List.of(bytes(png(20, 2))));
        host.serve("/missing.png", List.of(bytes(png(30, 3))));
        engine.retryDownloads(job.id()).get(5, TimeUnit.SECONDS);
        Job retried = awaitStatus(job.id(), JobStatus.SUCCEEDED);
        assertThat(retried.outputs()).extracting(JobOutput::bytes).containsExactly(10L, 20L, 30L);
        assertThat(host.hits("/ok.png")).isEqualTo(1);
        assertThat(retried.errorMessage()).isNull();
    }

    @Test
    void aForbiddenOutputHasExpiredOnceTheJobIsOlderThanTheHostingPeriodAndFailedBefore() throws Exception {
        engine.close();
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-03-02T10:00:00Z"));
        engine = new JobEngine(store, clients(Duration.ofSeconds(2)), fastSettings(dir.resolve("out"))
                .withClock(clock));
        engine.start().join();
        fake.status = FakeRunComfy.script("completed");
        host.serve("/a.png", List.of(() -> new MockResponse.Builder().code(403).build()));
        resultWithOutputs("{\"9\":{\"images\":[{\"url\":\"" + fileUrl("/a.png") + "\",\"filename\":\"a.png\"}]}}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);

        // A fresh job: its outputs are hosted for days yet, so a 403 is a real failure.
        Job fresh = awaitStatus(job.id(), JobStatus.FAILED);
        assertThat(fresh.outputs().get(0).state()).isEqualTo(OutputState.FAILED);
        assertThat(fresh.outputs().get(0).error()).isEqualTo("the output host refused the download (HTTP 403 "
                + "Forbidden)");

        // Eight days later the host answers 403 for a file it removed.
        clock.advance(Duration.ofDays(8));
        engine.retryDownloads(job.id()).get(5, TimeUnit.SECONDS);
        Job old = awaitStatus(job.id(), JobStatus.OUTPUTS_EXPIRED);
        assertThat(old.outputs().get(0).state()).isEqualTo(OutputState.EXPIRED);
        assertThat(old.outputs().get(0).error()).isEqualTo("403: the hosted file has expired (outputs are hosted "
                + "for 7 days)");
        assertThat(host.hits("/a.png")).isEqualTo(2);
    }

    @Test
    void anOutputFolderThatCannotBeWrittenFailsTheOutputWithTheReasonInsteadOfRetryingForever() throws Exception {
        fake.status = FakeRunComfy.script("completed");
        host.serve("/a.png", List.of(bytes(png(100, 1))));
        resultWithOutputs("{\"9\":{\"images\":[{\"url\":\"" + fileUrl("/a.png") + "\",\"filename\":\"a.png\"}]}}");
        Path fileInTheWay = Files.writeString(dir.resolve("not-a-folder"), "x");
        JobSubmission base = submission(api, "x");
        Job job = engine.submit(new JobSubmission(base.target(), base.request(), base.edits(), null, null,
                fileInTheWay)).get(10, TimeUnit.SECONDS);

        Job done = awaitStatus(job.id(), JobStatus.FAILED);
        JobOutput output = done.outputs().get(0);
        assertThat(output.state()).isEqualTo(OutputState.FAILED);
        assertThat(output.error()).startsWith("could not write to " + fileInTheWay.resolve(job.requestId()))
                .contains("a file is in the way").doesNotContain("Exception");
        assertThat(done.errorMessage()).contains("could not write to");
        assertThat(host.hits("/a.png")).isLessThanOrEqualTo(1);
    }

    @Test
    void anOutputOverTheSizeLimitFailsWithAReasonWhetherItsLengthIsKnownOrChunked() throws Exception {
        engine.close();
        engine = new JobEngine(store, clients(Duration.ofSeconds(2)), fastSettings(dir.resolve("out"))
                .withMaxOutputBytes(1000));
        engine.addListener(events::add);
        engine.start().join();
        fake.status = FakeRunComfy.script("completed");
        host.serve("/small.png", List.of(bytes(png(1000, 1))));
        host.serve("/sized.png", List.of(bytes(png(5000, 2))));
        host.serve("/chunked.png", List.of(() -> new MockResponse.Builder().code(200)
                .chunkedBody(new Buffer().write(png(300_000, 3)), 512).build()));
        resultWithOutputs("{\"9\":{\"images\":[{\"url\":\"" + fileUrl("/small.png") + "\"},{\"url\":\""
                + fileUrl("/sized.png") + "\"},{\"url\":\"" + fileUrl("/chunked.png") + "\"}]}}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);

        Job done = awaitStatus(job.id(), JobStatus.FAILED);
        assertThat(done.outputs()).extracting(JobOutput::state)
                .containsExactly(OutputState.SAVED, OutputState.FAILED, OutputState.FAILED);
        assertThat(done.outputs().get(1).error()).isEqualTo("the output is larger than the limit of 1000 bytes per "
                + "file");
        assertThat(done.outputs().get(2).error()).isEqualTo(done.outputs().get(1).error());
        assertThat(host.hits("/chunked.png")).isEqualTo(1);
        try (Stream<Path> left = Files.walk(dir.resolve("out"))) {
            assertThat(left.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly("small.png");
        }
    }

    @Test
    void readTimeoutOnSubmitRecordsSubmissionUncertainAndNeverResends() throws Exception {
        engine.close();
        engine = newEngine(ms(300));
        fake.submitAnswers.add(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS)
                .body("{\"request_id\":\"late\"}").build());
        var future = engine.submit(submission(api, "x"));
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> future.get(10, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(SubmissionUncertainException.class);
        Job job = store.page(JobQuery.all(), 0, 1).get(0);
        assertThat(job.status()).isEqualTo(JobStatus.SUBMISSION_UNCERTAIN);
        assertThat(job.errorMessage()).contains("may or may not have been accepted");
        assertThat(events).anyMatch(e -> e instanceof JobEvent.SubmitFailed sf
                && sf.error() instanceof SubmissionUncertainException);
        assertThat(fake.count("POST", "/inference")).isEqualTo(1);
        assertThat(fake.count("GET", "/status")).isZero();

        // A restart does not resend it either; the user can attach the id found on the dashboard.
        engine.close();
        engine = newEngine(Duration.ofSeconds(2));
        engine.attachRequestId(job.id(), "late").get(5, TimeUnit.SECONDS);
        awaitStatus(job.id(), JobStatus.SUCCEEDED);
        // Instead of sleeping and looking: the whole conversation, up to the attached id's success (which comes
        // after both engines' starts), holds one submit and no call about the job before its id was attached.
        assertThat(fake.count("POST", "/inference")).isEqualTo(1);
        assertThat(fake.requests).filteredOn(r -> r.getMethod().equals("GET")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getUrl().encodedPath()).contains("/late/"));
    }

    @Test
    void rejectedSubmitIsRecordedAsFailedWithTheServerMessage() throws Exception {
        fake.submitAnswers.add(json(400, "{\"error_code\":\"INVALID_OVERRIDES\",\"message\":\"node 99 not found\"}"));
        var future = engine.submit(submission(api, "x"));
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> future.get(10, TimeUnit.SECONDS));
        assertThat(((ApiException) failure.getCause()).userMessage())
                .isEqualTo("400 Bad Request: node 99 not found (INVALID_OVERRIDES)");
        Job job = store.page(JobQuery.all(), 0, 1).get(0);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error().get("error_code").asText()).isEqualTo("INVALID_OVERRIDES");
    }

    @Test
    void failedRunKeepsTheServerError() throws Exception {
        fake.result = id -> json("{\"status\":\"failed\",\"error\":[{\"exception_type\":\"OOM\",\"exception_message\""
                + ":\"CUDA out of memory\"}]}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        Job done = awaitStatus(job.id(), JobStatus.FAILED);
        assertThat(done.errorMessage()).isEqualTo("OOM: CUDA out of memory");
        assertThat(done.error().isArray()).isTrue();
    }

    @Test
    void aGoodStatusBetweenFailedResultsDoesNotRestartTheGiveUpClock() throws Exception {
        fake.status = FakeRunComfy.script("completed");
        fake.result = id -> json(503, "{\"message\":\"result store down\"}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        await("a first failed result", () -> engine.failingSince(job.id()).join().isPresent());
        Instant first = engine.failingSince(job.id()).get().orElseThrow();
        int results = fake.count("GET", "/result");
        await("three more rounds of status ok, result failed", () -> fake.count("GET", "/result") >= results + 3
                && engine.failingSince(job.id()).join().isPresent());
        assertThat(engine.failingSince(job.id()).get()).as("failing since the first failed result").contains(first);
    }

    @Test
    void textOutputsAreSavedAsTxtBesideTheOtherOutputsAndKeptInTheJob() throws Exception {
        fake.status = FakeRunComfy.script("completed");
        host.serve("/a.png", List.of(bytes(png(100, 1))));
        resultWithOutputs("{\"38:42\":{\"images\":[{\"url\":\"" + fileUrl("/a.png") + "\",\"filename\":"
                + "\"a.png\"}],\"text\":[\"a caption\",[\"nested\"]]}}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        Job done = awaitStatus(job.id(), JobStatus.SUCCEEDED);
        assertThat(done.outputs()).extracting(JobOutput::kind, JobOutput::nodeId, JobOutput::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("images", "38:42", OutputState.SAVED),
                org.assertj.core.groups.Tuple.tuple("text", "38:42", OutputState.SAVED));
        JobOutput text = done.outputs().get(1);
        assertThat(text.localPath()).isEqualTo(dir.resolve("out/req-1/text_38_42.txt").toAbsolutePath());
        assertThat(Files.readString(text.localPath())).isEqualTo("a caption\nnested\n");
    }

    @Test
    void cancelOutcomes() throws Exception {
        fake.status = FakeRunComfy.script("in_progress");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        awaitStatus(job.id(), JobStatus.RUNNING);

        fake.cancel = id -> json(202, "{\"request_id\":\"r\",\"status\":\"not_cancellable\"}");
        assertThat(engine.cancel(job.id()).get(5, TimeUnit.SECONDS)).isEqualTo(CancelOutcome.NOT_CANCELLABLE);
        assertThat(events).anyMatch(e -> e instanceof JobEvent.CancelResult cr
                && cr.message().contains("can no longer be cancelled"));

        fake.cancel = id -> json(202, "{\"outcome\":\"cancellation_requested\"}");
        assertThat(engine.cancel(job.id()).get(5, TimeUnit.SECONDS))
                .isEqualTo(CancelOutcome.CANCELLATION_REQUESTED);
        fake.status = FakeRunComfy.script("cancelled");
        fake.result = id -> json("{\"status\":\"canceled\",\"finished_at\":\"2025-07-22T13:13:03\"}");
        awaitStatus(job.id(), JobStatus.CANCELLED);

        fake.status = FakeRunComfy.script("in_queue:5");
        fake.cancel = id -> json(202, "{\"status\":\"cancelled\",\"outcome\":\"cancelled\"}");
        Job second = engine.submit(submission(api, "y")).get(10, TimeUnit.SECONDS);
        assertThat(engine.cancel(second.id()).get(5, TimeUnit.SECONDS)).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(store.find(second.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    /** Sends a cancel whose answer ({@code outcome}) the fake API holds back until {@code release} opens. */
    private CompletableFuture<CancelOutcome> cancelAnsweredWhen(CountDownLatch release, long jobId, String outcome) {
        fake.cancel = id -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return json(202, "{\"request_id\":\"" + id + "\",\"status\":\"cancelled\",\"outcome\":\"" + outcome
                    + "\"}");
        };
        var cancel = engine.cancel(jobId);
        await("the cancel reached the server", () -> fake.count("POST", "/cancel") == 1);
        return cancel;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cancelled", "cancellation_requested"})
    void aCancelAnswerThatArrivesAfterTheJobSucceededLeavesItSucceeded(String outcome) throws Exception {
        fake.status = FakeRunComfy.script("in_progress");
        byte[] a = png(400, 1);
        host.serve("/a.png", List.of(bytes(a)));
        resultWithOutputs("{\"9\":{\"images\":[{\"url\":\"" + fileUrl("/a.png") + "\",\"filename\":\"a.png\"}]}}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        awaitStatus(job.id(), JobStatus.RUNNING);
        CountDownLatch release = new CountDownLatch(1);
        var cancel = cancelAnsweredWhen(release, job.id(), outcome);

        // The poller sees the job finish while the cancel is on its way.
        fake.status = FakeRunComfy.script("completed");
        awaitStatus(job.id(), JobStatus.SUCCEEDED);
        release.countDown();

        CancelOutcome answered = cancel.get(5, TimeUnit.SECONDS);
        // A poll the answer might have asked for runs at the next tick: a job submitted now needs several ticks and
        // round trips to succeed, so once it has, that poll (if any) has been answered too.
        Job witness = engine.submit(submission(api, "witness")).get(10, TimeUnit.SECONDS);
        awaitStatus(witness.id(), JobStatus.SUCCEEDED);
        Job after = store.find(job.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(Files.readAllBytes(after.outputs().get(0).localPath())).isEqualTo(a);
        assertThat(answered).isEqualTo(CancelOutcome.NOT_CANCELLABLE);
        assertThat(events).noneMatch(e -> e instanceof JobEvent.StatusChanged && e.job().status()
                == JobStatus.CANCELLED);
        assertThat(events).filteredOn(JobEvent.CancelResult.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((JobEvent.CancelResult) e).message())
                        .isEqualTo("The job had already finished (succeeded) before the cancel reached the server"));
    }

    @Test
    void aCancelAnswerThatArrivesWhileTheOutputsDownloadLetsThemFinish() throws Exception {
        fake.status = FakeRunComfy.script("in_progress");
        byte[] a = png(400, 1);
        AtomicInteger hostDown = new AtomicInteger(1);
        host.serve("/a.png", List.of(() -> hostDown.get() == 1 ? new MockResponse.Builder().code(503).build()
                : bytes(a).get()));
        resultWithOutputs("{\"9\":{\"images\":[{\"url\":\"" + fileUrl("/a.png") + "\",\"filename\":\"a.png\"}]}}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        awaitStatus(job.id(), JobStatus.RUNNING);
        CountDownLatch release = new CountDownLatch(1);
        var cancel = cancelAnsweredWhen(release, job.id(), "cancelled");

        fake.status = FakeRunComfy.script("completed");
        awaitStatus(job.id(), JobStatus.DOWNLOADING);
        await("a download round failed", () -> engine.failingSince(job.id()).join().isPresent());
        release.countDown();

        CancelOutcome answered = cancel.get(5, TimeUnit.SECONDS);
        assertThat(store.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.DOWNLOADING);
        assertThat(answered).isEqualTo(CancelOutcome.NOT_CANCELLABLE);
        hostDown.set(0);
        Job done = awaitStatus(job.id(), JobStatus.SUCCEEDED);
        assertThat(Files.readAllBytes(done.outputs().get(0).localPath())).isEqualTo(a);
        assertThat(events).noneMatch(e -> e instanceof JobEvent.StatusChanged && e.job().status()
                == JobStatus.CANCELLED);
        assertThat(events).filteredOn(JobEvent.CancelResult.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((JobEvent.CancelResult) e).message()).isEqualTo("The job had already "
                        + "finished on the server before the cancel reached it; its outputs are being saved"));
    }

    @Test
    void deleteOfARunningJobExplainsWhatToDo() throws Exception {
        fake.status = FakeRunComfy.script("in_progress");
        fake.delete = id -> json(409, "{\"error_code\":\"CONFLICT\",\"message\":\"Request is in progress\"}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> engine.deleteRemote(job.id()).get(5, TimeUnit.SECONDS));
        assertThat(((ApiException) e.getCause()).userMessage()).startsWith("409 Conflict: the job is still running on "
                + "the server; cancel it first or wait until it finishes");
        assertThat(events).anyMatch(ev -> ev instanceof JobEvent.ActionFailed af && af.action().equals("delete"));

        fake.delete = id -> json("{\"status\":\"deleted\",\"deleted_objects\":4}");
        assertThat(engine.deleteRemote(job.id()).get(5, TimeUnit.SECONDS)).isEqualTo(4);
        assertThat(engine.forget(job.id()).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(store.find(job.id())).isEmpty();
    }

    @Test
    void networkOutageBacksOffThenRecovers() throws Exception {
        // Polls come due on a ticker the test holds still and moves, so the backoff is read, not timed.
        engine.close();
        java.util.concurrent.atomic.AtomicLong ticker = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean tickerRuns = new java.util.concurrent.atomic.AtomicBoolean();
        long realStart = System.nanoTime();
        engine = new JobEngine(store, clients(Duration.ofSeconds(2)), fastSettings(dir.resolve("out")),
                EngineScheduler.withTicker(() -> tickerRuns.get() ? ticker.get() + System.nanoTime() - realStart
                        : ticker.get()));
        engine.addListener(events::add);
        engine.start().join();
        AtomicInteger down = new AtomicInteger(1);
        fake.status = (id, n) -> down.get() == 1
                ? new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build()
                : FakeRunComfy.script("completed").apply(id, n);
        try (LogCapture logs = new LogCapture()) {
            Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
            String failed = "poll of job " + job.id() + " failed";
            List<Duration> waits = new ArrayList<>();
            for (int call = 1; call <= 6; call++) {
                Duration dueIn = engine.nextPollIn(job.id()).get(5, TimeUnit.SECONDS).orElseThrow();
                if (call > 1) {
                    waits.add(dueIn);
                }
                ticker.addAndGet(dueIn.toNanos());   // the next call comes due now, not a moment earlier
                int failedCalls = call;
                // The log line is written in the same engine task that schedules the next call.
                await("call " + call + " failed", () -> logs.text().split(java.util.regex.Pattern.quote(failed),
                        -1).length - 1 == failedCalls);
            }
            waits.add(engine.nextPollIn(job.id()).get(5, TimeUnit.SECONDS).orElseThrow());
            await("offline", () -> events.stream().anyMatch(e -> e instanceof JobEvent.ConnectionChanged c
                    && !c.online()));
            // 20 ms polling would ask again every 20 ms; the backoff doubles up to its 150 ms cap.
            assertThat(waits).containsExactly(ms(20), ms(40), ms(80), ms(150), ms(150), ms(150));
            assertThat(fake.count("GET", "/status")).as("2 tries per call").isEqualTo(12);
            down.set(0);
            tickerRuns.set(true);
            awaitStatus(job.id(), JobStatus.SUCCEEDED);
        }
        Job job = store.page(JobQuery.all(), 0, 1).get(0);
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(events).anyMatch(e -> e instanceof JobEvent.ConnectionChanged c && c.online());
    }

    static MockResponse badAnswer(String kind) {
        return switch (kind) {
            case "error_code in a 200" -> json("{\"error_code\":\"REQUEST_CORRUPT\",\"message\":\"the stored "
                    + "request cannot be read\"}");
            case "unreadable answer" -> new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                    .body("<html>oops</html>").build();
            case "redirect" -> new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere").build();
            case "5xx" -> json(500, "{\"message\":\"worker crashed\"}");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"error_code in a 200", "unreadable answer", "redirect", "5xx"})
    void badAnswersAboutOneJobFailThatJobAloneAndNeverFlagTheConnection(String kind) throws Exception {
        AtomicInteger steadyWaits = new AtomicInteger(1);
        fake.status = (id, n) -> switch (id) {
            case "req-1" -> FakeRunComfy.script(steadyWaits.get() == 1 ? "in_queue:1" : "completed").apply(id, n);
            case "req-2" -> badAnswer(kind);
            default -> FakeRunComfy.script("in_queue:2", "in_progress", "completed").apply(id, n);
        };
        Job steady = engine.submit(submission(api, "steady")).get(10, TimeUnit.SECONDS);
        awaitStatus(steady.id(), JobStatus.QUEUED);
        Job broken = engine.submit(submission(api, "broken")).get(10, TimeUnit.SECONDS);
        List<Long> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(engine.submit(submission(api, "other " + i)).get(10, TimeUnit.SECONDS).id());
        }
        for (long id : others) {
            awaitStatus(id, JobStatus.SUCCEEDED);
        }
        await("the broken job was asked about a few times", () -> fake.count("GET", "/req-2/status") >= 4);
        assertThat(events).as("connection events").noneMatch(JobEvent.ConnectionChanged.class::isInstance);

        Job failed = awaitStatus(broken.id(), JobStatus.FAILED);
        assertThat(failed.errorMessage()).startsWith("The server kept giving bad answers about this job while it "
                + "answered the others (last: " + switch (kind) {
                    case "error_code in a 200" -> "200 OK: the stored request cannot be read (REQUEST_CORRUPT)";
                    case "unreadable answer" -> "200 OK: the server's answer is not a JSON object";
                    case "redirect" -> "302 Found: the server sent the request elsewhere";
                    default -> "500 Internal Server Error: worker crashed";
                });
        assertThat(events).filteredOn(e -> e instanceof JobEvent.ActionFailed af && af.job().id() == broken.id())
                .hasSize(1);
        steadyWaits.set(0);
        awaitStatus(steady.id(), JobStatus.SUCCEEDED);
        assertThat(events).as("connection events").noneMatch(JobEvent.ConnectionChanged.class::isInstance);
    }

    @Test
    void aServerThatFailsEveryJobIsReportedOfflineAndNoJobIsFailedForIt() throws Exception {
        AtomicInteger down = new AtomicInteger(1);
        fake.status = (id, n) -> down.get() == 1 ? json(503, "{\"message\":\"maintenance\"}")
                : FakeRunComfy.script("completed").apply(id, n);
        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(engine.submit(submission(api, "job " + i)).get(10, TimeUnit.SECONDS).id());
        }
        await("offline", () -> events.stream().anyMatch(e -> e instanceof JobEvent.ConnectionChanged c
                && !c.online() && c.message().contains("maintenance")));
        await("many answers", () -> fake.count("GET", "/status") >= 30);
        assertThat(jobs).allSatisfy(id -> assertThat(store.find(id).orElseThrow().status())
                .isEqualTo(JobStatus.QUEUED));
        assertThat(events).as("no job is blamed for the server's trouble")
                .noneMatch(JobEvent.ActionFailed.class::isInstance);
        down.set(0);
        for (long id : jobs) {
            awaitStatus(id, JobStatus.SUCCEEDED);
        }
        assertThat(events).anyMatch(e -> e instanceof JobEvent.ConnectionChanged c && c.online());
    }

    @Test
    void aRejectedTokenIsReportedForTheJobWithoutDeclaringTheNetworkDown() throws Exception {
        AtomicInteger rejected = new AtomicInteger(1);
        fake.status = (id, n) -> rejected.get() == 1 ? json(401, "{\"message\":\"invalid token\"}")
                : FakeRunComfy.script("completed").apply(id, n);
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        await("the failure is reported", () -> events.stream().anyMatch(e -> e instanceof JobEvent.ActionFailed af
                && af.action().equals("poll") && af.error().httpStatus() == 401));
        assertThat(events).noneMatch(JobEvent.ConnectionChanged.class::isInstance);
        assertThat(store.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        rejected.set(0);
        awaitStatus(job.id(), JobStatus.SUCCEEDED);
    }

    @Test
    void tokenAndComfyKeyNeverReachTheDatabaseOrTheLogs() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            fake.status = FakeRunComfy.script("in_queue:1", "in_progress", "completed");
            host.serve("/a.png", List.of(() -> new MockResponse.Builder().code(503).build(), bytes(png(10, 1))));
            resultWithOutputs("{\"1\":{\"images\":[{\"url\":\"" + fileUrl("/a.png") + "\"}]}}");
            fake.submitAnswers.add(json(401, "{}"));
            org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS));
            Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
            awaitStatus(job.id(), JobStatus.SUCCEEDED);
            assertThat(fake.requests.get(0).getBody().utf8()).contains("comfyui-ORGSECRET");
            assertThat(logs.text()).doesNotContain(TOKEN).doesNotContain("ORGSECRET");
        }
        engine.close();
        store.close();
        try (Stream<Path> dbFiles = Files.list(dir.resolve("data"))) {
            // Regular files only: data/native holds sqlite's library when this JVM's first store opened here.
            for (Path f : dbFiles.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(content).as(f.toString()).doesNotContain(TOKEN).doesNotContain("ORGSECRET");
            }
        }
        store = JobStore.open(dir.resolve("data/jobs.db"));
        engine = newEngine(Duration.ofSeconds(2));
    }

    @Test
    void manyJobsArePolledWithBoundedConcurrency() throws Exception {
        fake.status = FakeRunComfy.script("in_queue:3", "in_progress", "completed");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(engine.submit(submission(api, "job " + i)).get(10, TimeUnit.SECONDS).id());
        }
        for (long id : ids) {
            awaitStatus(id, JobStatus.SUCCEEDED);
        }
        assertThat(store.count(JobQuery.all().withStatuses(java.util.Set.of(JobStatus.SUCCEEDED)))).isEqualTo(40);
    }

    @Test
    void aClientThatCannotBeMadeFailsTheSubmitWithoutLeavingAJobBehind() throws Exception {
        engine.close();
        engine = new JobEngine(store, target -> {
            throw new IllegalStateException("no token for this profile");
        }, fastSettings(dir.resolve("out")));
        engine.start().join();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(app.comfydesk.api.ApiException.class)
                .hasMessageContaining("no token for this profile");
        assertThat(store.count(JobQuery.all())).isZero();
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void aDeadOriginNeitherFlagsNorSlowsJobsOnAnotherOrigin() throws Exception {
        FakeRunComfy deadFake = new FakeRunComfy();
        deadFake.status = (id, n) -> new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
        try (MockWebServer dead = loopbackServer()) {
            dead.setDispatcher(deadFake);
            String deadOrigin = "http://127.0.0.1:" + dead.getPort();
            String liveOrigin = "http://127.0.0.1:" + api.getPort();
            Job stuck = engine.submit(submission(dead, "stuck")).get(10, TimeUnit.SECONDS);
            await("the dead origin is reported", () -> events.stream().anyMatch(e -> e instanceof
                    JobEvent.ConnectionChanged c && !c.online() && c.origin().equals(deadOrigin)));

            fake.status = FakeRunComfy.script("in_queue:2", "in_queue:1", "in_progress", "completed");
            List<Long> live = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                live.add(engine.submit(submission(api, "live " + i)).get(10, TimeUnit.SECONDS).id());
            }
            for (long id : live) {
                awaitStatus(id, JobStatus.SUCCEEDED);
            }
            assertThat(events).filteredOn(JobEvent.ConnectionChanged.class::isInstance)
                    .map(JobEvent.ConnectionChanged.class::cast)
                    .allSatisfy(c -> {
                        assertThat(c.origin()).isEqualTo(deadOrigin);
                        assertThat(c.online()).as("the dead origin never flaps back online").isFalse();
                    })
                    .noneMatch(c -> c.origin().equals(liveOrigin));
            assertThat(store.find(stuck.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
            assertThat(engine.failingSince(stuck.id()).get(5, TimeUnit.SECONDS)).isPresent();
            assertThat(engine.failingSince(live.get(0)).get(5, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void aStoreWriteThatFailsWhenAJobFinishesIsRetriedInsteadOfLeavingTheJobRunningForever() throws Exception {
        fake.status = FakeRunComfy.script("completed");
        fake.result = id -> id.equals("req-1")
                ? json("{\"request_id\":\"req-1\",\"status\":\"succeeded\",\"outputs\":{}}")
                : json("{\"request_id\":\"" + id + "\",\"status\":\"failed\",\"error\":\"OOM\"}");
        // Like a full disk: every write of a finishing status fails until the trigger is dropped.
        try (LogCapture logs = new LogCapture(); java.sql.Connection other = java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("data/jobs.db")); java.sql.Statement sql = other.createStatement()) {
            sql.execute("CREATE TRIGGER disk_full BEFORE UPDATE OF status ON jobs WHEN NEW.status IN "
                    + "('DOWNLOADING', 'FAILED') BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
            Job succeeding = engine.submit(submission(api, "ok")).get(10, TimeUnit.SECONDS);
            Job failing = engine.submit(submission(api, "oom")).get(10, TimeUnit.SECONDS);
            // The failure path must have run for both jobs before the disk "frees up", not merely had time to.
            await("both finishing writes failed", () -> logs.text().contains("Handling the answer for job "
                    + succeeding.id() + " failed") && logs.text().contains("Handling the answer for job "
                    + failing.id() + " failed"));
            assertThat(logs.text()).contains("database or disk is full");
            assertThat(List.of(succeeding.id(), failing.id())).allSatisfy(id -> assertThat(store.find(id).orElseThrow()
                    .status()).isNotIn(JobStatus.DOWNLOADING, JobStatus.SUCCEEDED, JobStatus.FAILED));
            sql.execute("DROP TRIGGER disk_full");

            awaitStatus(succeeding.id(), JobStatus.SUCCEEDED);
            awaitStatus(failing.id(), JobStatus.FAILED);
            await("the last events show the final states", () -> lastEventOf(succeeding.id()).job().status()
                    == JobStatus.SUCCEEDED && lastEventOf(failing.id()).job().status() == JobStatus.FAILED);
        }
    }

    @Test
    void closeReturnsPromptlyWhileADownloadWaitsToRetryAndAnotherIsStalled() throws Exception {
        engine.close();
        // Slow polls (10 s) make the download retry wait 10 s: close must not sit it out.
        java.util.Collection<Thread> threadsBefore = EngineThreadProbe.downloadThreads();
        EngineThreadProbe engineThread = new EngineThreadProbe();
        engine = new JobEngine(store, clients(Duration.ofSeconds(2)), new EngineSettings(dir.resolve("out"),
                new PollSchedule(ms(5), ms(20), ms(0), Duration.ofSeconds(10), ms(5), Duration.ofSeconds(60),
                        Duration.ofSeconds(60)), 8, 3, Duration.ofSeconds(2), Duration.ofSeconds(2), 2, ms(10),
                java.time.Clock.systemUTC()), engineThread.scheduler());
        engine.start().join();
        int refusing;
        try (java.net.ServerSocket closedPort = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            refusing = closedPort.getLocalPort();
        }
        host.serve("/slow.png", List.of(() -> new MockResponse.Builder().code(200)
                .body(new Buffer().write(png(100_000, 5))).throttleBody(1024, 1, TimeUnit.SECONDS).build()));
        fake.status = FakeRunComfy.script("completed");
        fake.result = id -> json("{\"status\":\"succeeded\",\"outputs\":{\"9\":{\"images\":[{\"url\":\""
                + (id.equals("req-1") ? "http://127.0.0.1:" + refusing + "/gone.png" : fileUrl("/slow.png"))
                + "\"}]}}}");
        Job retrying = engine.submit(submission(api, "host down")).get(10, TimeUnit.SECONDS);
        Job stalled = engine.submit(submission(api, "slow host")).get(10, TimeUnit.SECONDS);
        await("the first job waits to retry its download", () -> engine.failingSince(retrying.id()).join()
                .isPresent());
        await("the second job's download is under way", () -> host.hits("/slow.png") == 1
                && store.find(stalled.id()).orElseThrow().status() == JobStatus.DOWNLOADING);

        await("the retry waits its 10 s on the engine thread", () -> engineThread.waitingLater() == 1);
        assertThat(engineThread.laterDelays()).contains(Duration.ofSeconds(10));

        engine.close();

        // No stopwatch: close() waits at most 5 s for each pool and returns either way, so what shows that it did
        // not sit anything out is what it left behind. The engine thread ended (the 10 s retry was dropped, not
        // waited for: a pool still waiting would not be terminated) and the stalled download's thread is gone.
        assertThat(engineThread.terminated()).as("the engine thread has ended").isTrue();
        assertThat(engineThread.queued()).as("tasks left on the engine thread").isZero();
        assertThat(EngineThreadProbe.downloadThreads()).as("download threads left running")
                .allMatch(threadsBefore::contains);
        assertThat(store.find(retrying.id()).orElseThrow().status()).isEqualTo(JobStatus.DOWNLOADING);
        assertThat(store.find(stalled.id()).orElseThrow().outputs()).extracting(JobOutput::state)
                .containsExactly(OutputState.PENDING);
    }

    @Test
    void aListenerThatThrowsAnErrorNeitherStopsTheOtherListenersNorTheJob() throws Exception {
        engine.close();
        events.clear();
        engine = new JobEngine(store, clients(Duration.ofSeconds(2)), fastSettings(dir.resolve("out")));
        engine.addListener(event -> {
            throw new NoClassDefFoundError("app/comfydesk/ui/jobs/SomethingMissing");
        });
        engine.addListener(events::add);
        engine.start().join();
        fake.status = FakeRunComfy.script("in_queue:1", "in_progress", "completed");

        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
        awaitStatus(job.id(), JobStatus.SUCCEEDED);
        await("the second listener saw the final state", () -> lastEventOf(job.id()).job().status()
                == JobStatus.SUCCEEDED);
        assertThat(events).filteredOn(e -> e instanceof JobEvent.StatusChanged).extracting(e -> e.job().status())
                .contains(JobStatus.SUBMITTING, JobStatus.RUNNING, JobStatus.DOWNLOADING, JobStatus.SUCCEEDED);
    }

    @Test
    void outputsThatFailHalfWayAreTriedAgainInALaterRoundAndOnlyTheMissingOnes() throws Exception {
        fake.status = FakeRunComfy.script("completed");
        AtomicInteger drops = new AtomicInteger(5);   // more than one round of 3 attempts
        byte[] b = png(50_000, 2);
        host.serve("/a.png", List.of(bytes(png(100, 1))));
        host.serve("/b.png", List.of(() -> drops.getAndDecrement() > 0
                ? new MockResponse.Builder().code(200).body(new Buffer().write(b))
                        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build()
                : bytes(b).get()));
        host.serve("/c.png", List.of(bytes(png(300, 3))));
        resultWithOutputs("{\"9\":{\"images\":[{\"url\":\"" + fileUrl("/a.png") + "\"},{\"url\":\""
                + fileUrl("/b.png") + "\"},{\"url\":\"" + fileUrl("/c.png") + "\"}]}}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);

        Job done = awaitStatus(job.id(), JobStatus.SUCCEEDED);
        assertThat(done.outputs()).extracting(JobOutput::bytes).containsExactly(100L, 50_000L, 300L);
        assertThat(Files.readAllBytes(done.outputs().get(1).localPath())).isEqualTo(b);
        assertThat(host.hits("/b.png")).isEqualTo(6);
        assertThat(host.hits("/a.png")).isEqualTo(1);
        assertThat(host.hits("/c.png")).isEqualTo(1);
        assertThat(engine.failingSince(job.id()).get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(lastEventOf(job.id()).job().status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void downloadRoundsBackOffByConsecutiveFailedRoundsAndStartOverOnceAnOutputIsSaved() throws Exception {
        engine.close();
        // One attempt per round, so every hit on the host is one round; rounds wait 20 ms doubling up to 1 s.
        EngineThreadProbe engineThread = new EngineThreadProbe();
        engine = new JobEngine(store, clients(Duration.ofSeconds(2)), fastSettings(dir.resolve("out"))
                .withSchedule(new PollSchedule(ms(5), ms(20), ms(0), ms(20), ms(5), ms(60), Duration.ofSeconds(1)))
                .withDownloads(Duration.ofSeconds(2), 1, ms(10)), engineThread.scheduler());
        engine.start().join();
        Supplier<MockResponse> down = () -> new MockResponse.Builder().code(503).build();
        host.serve("/a.png", List.of(down, down, down, down, down, bytes(png(100, 1))));
        host.serve("/b.png", List.of(down, down, down, down, down, down, down, bytes(png(200, 2))));
        resultWithOutputs("{\"9\":{\"images\":[{\"url\":\"" + fileUrl("/a.png") + "\"},{\"url\":\""
                + fileUrl("/b.png") + "\"}]}}");
        Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);

        awaitStatus(job.id(), JobStatus.SUCCEEDED);
        assertThat(host.hits("/b.png")).isEqualTo(8);
        // The waits the engine asked for, read from its schedule rather than measured between hits on a busy
        // machine. Rounds 1-5 fail whole: 20, 40, 80, 160, 320 ms (not a wait set by the 2 outputs left). Round 6
        // saves a.png: the host works, so the count starts over (20 ms, not 640 ms), then 40 ms after round 7.
        assertThat(engineThread.laterDelays()).containsExactly(ms(20), ms(40), ms(80), ms(160), ms(320), ms(20),
                ms(40));
    }

    @Test
    void aStoreWriteThatFailsWhileSavingOutputsIsRetriedInsteadOfLeavingTheJobDownloadingForever() throws Exception {
        fake.status = FakeRunComfy.script("completed");
        host.serve("/a.png", List.of(bytes(png(100, 1))));
        resultWithOutputs("{\"9\":{\"images\":[{\"url\":\"" + fileUrl("/a.png") + "\"}]}}");
        try (LogCapture logs = new LogCapture(); java.sql.Connection other = java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("data/jobs.db")); java.sql.Statement sql = other.createStatement()) {
            // Like a database that cannot be written for a while: first the saved output, then the final status.
            sql.execute("CREATE TRIGGER output_write_fails BEFORE INSERT ON job_outputs WHEN NEW.state = 'SAVED' "
                    + "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
            sql.execute("CREATE TRIGGER status_write_fails BEFORE UPDATE OF status ON jobs WHEN NEW.status = "
                    + "'SUCCEEDED' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
            Job job = engine.submit(submission(api, "x")).get(10, TimeUnit.SECONDS);
            // Each injected failure is dropped only once it has happened (the log says so), not after a sleep.
            await("recording the saved output failed", () -> logs.text().contains("Recording output 0 of job "
                    + job.id() + " failed"));
            assertThat(host.hits("/a.png")).isPositive();
            assertThat(store.find(job.id()).orElseThrow().outputs().get(0).state()).isEqualTo(OutputState.PENDING);
            sql.execute("DROP TRIGGER output_write_fails");
            await("the output is recorded as saved", () -> store.find(job.id()).orElseThrow().outputs().get(0)
                    .state() == OutputState.SAVED);
            await("recording the end failed", () -> logs.text().contains("Recording the end of job " + job.id()
                    + " failed"));
            assertThat(store.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.DOWNLOADING);
            sql.execute("DROP TRIGGER status_write_fails");

            awaitStatus(job.id(), JobStatus.SUCCEEDED);
            await("the last event shows the final state", () -> lastEventOf(job.id()).job().status()
                    == JobStatus.SUCCEEDED);
        }
    }

    private JobEvent lastEventOf(long jobId) {
        List<JobEvent> mine = events.stream().filter(e -> e.job() != null && e.job().id() == jobId).toList();
        return mine.get(mine.size() - 1);
    }

    @Test
    void theDefaultStartLeavesCommandLineJobsToTheCommandLine() throws Exception {
        fake.status = FakeRunComfy.script("in_queue:5");
        JobSubmission app = submission(api, "app job");
        JobSubmission cli = new JobSubmission(JobTarget.commandLine(app.target().endpoint()), app.request(),
                app.edits(), null, "cli job");
        Job appJob = engine.submit(app).get(10, TimeUnit.SECONDS);
        Job cliJob = engine.submit(cli).get(10, TimeUnit.SECONDS);
        assertThat(cliJob.target().isCommandLine()).isTrue();
        assertThat(appJob.target().isCommandLine()).isFalse();
        engine.close();

        fake.requests.clear();
        engine = newEngine(Duration.ofSeconds(2));   // start(): the app's way
        await("the app's job is polled", () -> fake.count("GET", "/" + appJob.requestId() + "/status") >= 2);
        assertThat(fake.count("GET", "/" + cliJob.requestId() + "/status")).isZero();
        engine.close();

        fake.status = FakeRunComfy.script("completed");
        engine = new JobEngine(store, clients(Duration.ofSeconds(2)), fastSettings(dir.resolve("out")));
        engine.start(job -> job.target().isCommandLine()).join();   // comfydesk jobs --resume
        awaitStatus(cliJob.id(), JobStatus.SUCCEEDED);
    }

    @Test
    void aResumedJobCountsAsUnfinishedBeforeAnyEventAboutIt() {
        fake.status = FakeRunComfy.script("in_queue:5");
        engine.close();
        Job stored = store.create(submission(api, "from the last run"), java.time.Instant.now(), null, java.time.Duration.ZERO);
        Job queued = store.markSubmitted(stored.id(), "req-resumed", dir.resolve("out/req-resumed"),
                java.time.Instant.now());
        events.clear();

        engine = new JobEngine(store, clients(Duration.ofSeconds(2)), fastSettings(dir.resolve("out")));
        engine.start().join();

        // The quit warning reads this count: a job that has not changed since the start is still running.
        assertThat(engine.unfinishedJobs()).extracting(Job::id).containsExactly(queued.id());
    }
}
