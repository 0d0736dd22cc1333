package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.api.ApiVersion;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one snapshot of unfinished jobs that the quit warning and the status bar both count. */
class UnfinishedSnapshotTest {

    private static Job job(long id, JobStatus status) {
        JobTarget target = new JobTarget(URI.create("https://api.runcomfy.net"), ApiVersion.V1, "dep-1", "studio");
        return new Job(id, "req-" + id, target, JobMode.OVERRIDES, "{}", "{}", "flow.json", "a cat", status, null,
                null, null, null, Instant.EPOCH, Instant.EPOCH, null, null, List.of(), List.of());
    }

    @Test
    void theStatusBarsFiguresAndTheQuitWarningsTotalComeFromTheSameJobs() {
        UnfinishedSnapshot snapshot = new UnfinishedSnapshot(List.of(job(1, JobStatus.RUNNING),
                job(2, JobStatus.DOWNLOADING), job(3, JobStatus.QUEUED), job(4, JobStatus.SUBMITTING),
                job(5, JobStatus.SUBMISSION_UNCERTAIN)));
        assertThat(snapshot.running()).isEqualTo(2);
        assertThat(snapshot.queued()).isEqualTo(2);
        // An uncertain submission waits for the user: the quit warning counts it, the bar's two figures do not.
        assertThat(snapshot.jobs()).hasSize(5);
        assertThat(UnfinishedSnapshot.NONE.isEmpty()).isTrue();
    }

    @Test
    void watchersAreToldEachNewSnapshotIncludingResumedJobsWithoutAnEvent() {
        UnfinishedJobs jobs = new UnfinishedJobs();
        List<UnfinishedSnapshot> told = new ArrayList<>();
        jobs.watch(told::add);
        jobs.addSnapshot(List.of(job(4, JobStatus.QUEUED)));
        jobs.onJobEvent(new JobEvent.StatusChanged(job(4, JobStatus.RUNNING), JobStatus.QUEUED));
        jobs.onJobEvent(new JobEvent.StatusChanged(job(4, JobStatus.SUCCEEDED), JobStatus.RUNNING));
        assertThat(told).extracting(UnfinishedSnapshot::queued).containsExactly(1, 0, 0);
        assertThat(told).extracting(UnfinishedSnapshot::running).containsExactly(0, 1, 0);
        assertThat(told.get(told.size() - 1)).isEqualTo(jobs.current());
    }
}
