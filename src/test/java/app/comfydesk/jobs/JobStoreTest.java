package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.comfydesk.api.ApiJson;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.SubmitRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreTest {

    static final JobTarget TARGET = new JobTarget(URI.create("http://127.0.0.1:1"), ApiVersion.V1, "dep-a", "p1");

    @TempDir
    Path dir;

    static JobSubmission submission(String prompt) {
        ObjectNode o = ApiJson.object();
        o.putObject("6").putObject("inputs").put("text", prompt);
        return new JobSubmission(TARGET, SubmitRequest.overrides(o), o, "flux.json", prompt);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aListReadDoesNotWaitForAWriteInProgress() throws Exception {
        try (JobStore store = JobStore.open(dir.resolve("jobs.db"));
             java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
             java.sql.Statement sql = other.createStatement()) {
            Job job = store.create(submission("a cat"), Instant.now(), null, java.time.Duration.ZERO);
            store.markSubmitted(job.id(), "req-1", dir.resolve("out"), Instant.now());
            // Another process holds the write lock: the store's next write waits (up to its busy timeout).
            sql.execute("BEGIN IMMEDIATE");
            java.util.concurrent.CompletableFuture<Void> write = java.util.concurrent.CompletableFuture.runAsync(
                    () -> store.updateQueuePosition(job.id(), 4, Instant.now()));
            Thread writer = awaitThreadIn("org.sqlite");
            try {
                // Before: one synchronized connection, so this read waited for the stalled write (10 s, then both
                // went on only because the write failed).
                assertThat(store.listPage(JobQuery.all(), 0, 10)).extracting(Job::id).containsExactly(job.id());
                assertThat(store.count(JobQuery.all())).isEqualTo(1);
                assertThat(store.find(job.id())).isPresent();
                assertThat(write).as("the write is still waiting for the lock").isNotDone();
                assertThat(writer.isAlive()).isTrue();
            } finally {
                sql.execute("COMMIT");
            }
            write.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(store.find(job.id()).orElseThrow().queuePosition()).isEqualTo(4);
        }
    }

    /** The thread whose stack is inside a class of {@code packagePrefix} (a write blocked in the driver). */
    private static Thread awaitThreadIn(String packagePrefix) {
        Thread[] found = new Thread[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            for (var e : Thread.getAllStackTraces().entrySet()) {
                for (StackTraceElement frame : e.getValue()) {
                    if (frame.getClassName().startsWith(packagePrefix)
                            && java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName()
                            .equals("updateQueuePosition"))) {
                        found[0] = e.getKey();
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    @Test
    void createsTheSchemaInWalModeAndRecordsTheLifecycle() throws Exception {
        try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
            assertThat(store.schemaVersion()).isEqualTo(JobStore.SCHEMA_VERSION);
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            Job job = store.create(submission("a cat"), t0, null, java.time.Duration.ZERO);
            assertThat(job.status()).isEqualTo(JobStatus.SUBMITTING);
            store.markSubmitted(job.id(), "req-9", dir.resolve("out/req-9"), t0.plusSeconds(1));
            store.updateStatus(job.id(), JobStatus.QUEUED, 3, null, null, t0.plusSeconds(2));
            store.updateStatus(job.id(), JobStatus.RUNNING, null, "inst-1", null, t0.plusSeconds(3));
            store.saveOutputs(job.id(), List.of(new JobOutput(0, "9", "images", "http://x/a.png", "a.png", "",
                    dir.resolve("out/req-9/a.png"), 0, OutputState.PENDING, null)));
            Job done = store.updateStatus(job.id(), JobStatus.SUCCEEDED, null, null, null, t0.plusSeconds(4));

            Job found = store.find(job.id()).orElseThrow();
            assertThat(found.requestId()).isEqualTo("req-9");
            assertThat(found.instanceId()).isEqualTo("inst-1");
            assertThat(found.finishedAt()).isEqualTo(t0.plusSeconds(4));
            // Queue moves are history entries of their own (structured positions): the statuses, in order.
            assertThat(found.history().stream().map(StatusChange::status).distinct())
                .containsExactly(JobStatus.SUBMITTING,
                    JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.SUCCEEDED);
            assertThat(found.outputs()).singleElement().satisfies(o -> assertThat(o.localPath())
                    .isEqualTo(dir.resolve("out/req-9/a.png")));
            assertThat(found.edits().at("/6/inputs/text").asText()).isEqualTo("a cat");
            assertThat(found.workflowSource()).isEqualTo("flux.json");
            assertThat(done.status().isTerminal()).isTrue();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
             Statement s = c.createStatement()) {
            assertThat(s.executeQuery("PRAGMA journal_mode").getString(1)).isEqualTo("wal");
            // The request id is stored in its column (the engine and the dashboard link find jobs by it).
            assertThat(s.executeQuery("SELECT count(*) FROM jobs WHERE request_id = 'req-9'").getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void pagesFiltersAndSortsThroughIndexes() {
        try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 300; i++) {
                Job j = store.create(submission(i % 3 == 0 ? "red fox " + i : "blue whale " + i), t0.plusSeconds(i), null, java.time.Duration.ZERO);
                store.markSubmitted(j.id(), "req-" + i, null, t0.plusSeconds(i));
                if (i % 2 == 0) {
                    store.updateStatus(j.id(), JobStatus.SUCCEEDED, null, null, null, t0.plusSeconds(i));
                }
            }
            assertThat(store.count(JobQuery.all())).isEqualTo(300);
            assertThat(store.count(JobQuery.all().withStatuses(Set.of(JobStatus.SUCCEEDED)))).isEqualTo(150);
            assertThat(store.count(JobQuery.all().withText("FOX"))).isEqualTo(100);
            assertThat(store.count(JobQuery.all().withText("fox").withStatuses(Set.of(JobStatus.QUEUED))))
                    .isEqualTo(50);
            assertThat(store.count(JobQuery.all().withText("req-29"))).isEqualTo(11);
            assertThat(store.count(JobQuery.all().withText("100%"))).isZero();

            List<Job> first = store.page(JobQuery.all(), 0, 10);
            assertThat(first).hasSize(10).extracting(Job::requestId).startsWith("req-299", "req-298");
            List<Job> oldest = store.page(JobQuery.all().sortedBy(JobQuery.Sort.CREATED, false), 290, 50);
            assertThat(oldest).hasSize(10).extracting(Job::requestId).endsWith("req-299");
            assertThat(store.page(JobQuery.all().sortedBy(JobQuery.Sort.STATUS, false), 0, 1).get(0).status())
                    .isEqualTo(JobStatus.QUEUED);
            assertThat(first.get(0).history()).isEmpty();
            assertThat(store.unfinished()).hasSize(150);
        }
    }

    @Test
    void neverStoresSecretsAndAbbreviatesHugeDataUris() throws Exception {
        Path db = dir.resolve("jobs.db");
        try (JobStore store = JobStore.open(db)) {
            ObjectNode o = ApiJson.object();
            o.putObject("1").putObject("inputs").put("image", "data:image/png;base64," + "A".repeat(200_000));
            ObjectNode edits = ApiJson.object();
            edits.put("api_key_comfy_org", "comfyui-EDITSECRET");
            Job job = store.create(new JobSubmission(TARGET, SubmitRequest.overrides(o)
                    .withComfyOrgApiKey("comfyui-TOPSECRET"), edits, null, null), Instant.now(), null, java.time.Duration.ZERO);
            assertThat(job.requestJson()).contains("data:image/png;base64,<200000 characters not stored>")
                    .contains(SubmitRequest.REDACTED).doesNotContain("TOPSECRET");
            assertThat(job.editsJson()).doesNotContain("EDITSECRET");
        }
        for (Path f : List.of(db, dir.resolve("jobs.db-wal"))) {
            if (Files.exists(f)) {
                String bytes = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(bytes).doesNotContain("TOPSECRET").doesNotContain("EDITSECRET");
            }
        }
    }

    @Test
    void listPagesLeaveTheLargeRequestAndEditsOutAndFindReadsThemWhole() {
        try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
            ObjectNode edits = ApiJson.object();
            edits.putObject("10").putObject("inputs").put("image", "data:image/png;base64," + "A".repeat(500_000));
            JobSubmission big = new JobSubmission(TARGET, SubmitRequest.overrides(edits), edits, "edit.json",
                    "a red fox");
            long id = store.create(big, Instant.now(), null, java.time.Duration.ZERO).id();

            Job listed = store.listPage(JobQuery.all(), 0, 10).get(0);
            assertThat(listed.id()).isEqualTo(id);
            assertThat(listed.requestJson()).isEmpty();
            assertThat(listed.editsJson()).isNull();
            assertThat(listed.promptSnippet()).isEqualTo("a red fox");
            assertThat(listed.workflowSource()).isEqualTo("edit.json");
            assertThat(listed.status()).isEqualTo(JobStatus.SUBMITTING);

            Job whole = store.find(id).orElseThrow();
            assertThat(whole.editsJson()).hasSizeGreaterThan(500_000);
            assertThat(whole.requestJson()).contains("\"10\"");
            assertThat(store.page(JobQuery.all(), 0, 10).get(0).editsJson()).isEqualTo(whole.editsJson());
        }
    }

    @Test
    void refusesADatabaseFromTheFuture() throws Exception {
        Path db = dir.resolve("jobs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> JobStore.open(db)).isInstanceOf(JobStoreException.class)
                .hasMessageContaining("newer ComfyDesk");
    }

    @Test
    void reopeningKeepsJobs() {
        Path db = dir.resolve("jobs.db");
        long id;
        try (JobStore store = JobStore.open(db)) {
            id = store.create(submission("x"), Instant.now(), null, java.time.Duration.ZERO).id();
        }
        try (JobStore store = JobStore.open(db)) {
            assertThat(store.find(id)).isPresent();
            assertThat(store.delete(id)).isTrue();
            assertThat(store.find(id)).isEmpty();
        }
    }
}
