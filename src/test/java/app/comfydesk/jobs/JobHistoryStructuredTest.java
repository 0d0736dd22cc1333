package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queue positions and instance ids are history columns, read back as fields, not parsed out of notes. */
class JobHistoryStructuredTest {

    @TempDir
    Path dir;

    @Test
    void queueMovesAndTheInstanceThatRanTheJobAreStructuredHistory() {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
            Job job = store.create(JobStoreTest.submission("a cat"), t0, null, java.time.Duration.ZERO);
            store.markSubmitted(job.id(), "req-1", dir.resolve("out"), t0.plusSeconds(1));
            store.updateStatus(job.id(), JobStatus.QUEUED, 3, null, null, t0.plusSeconds(2));
            store.updateQueuePosition(job.id(), 1, t0.plusSeconds(5));
            store.updateStatus(job.id(), JobStatus.RUNNING, null, "inst-7", null, t0.plusSeconds(9));

            List<StatusChange> history = store.find(job.id()).orElseThrow().history();
            assertThat(history).extracting(StatusChange::queuePosition).contains(3, 1);
            assertThat(history).filteredOn(c -> c.status() == JobStatus.QUEUED && c.queuePosition() != null)
                    .extracting(StatusChange::note).containsOnlyNulls();
            StatusChange running = history.stream().filter(c -> c.status() == JobStatus.RUNNING).findFirst()
                    .orElseThrow();
            assertThat(running.instanceId()).isEqualTo("inst-7");
            assertThat(running.queuePosition()).isNull();
        }
    }
}
