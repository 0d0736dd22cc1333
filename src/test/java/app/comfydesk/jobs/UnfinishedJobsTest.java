package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.api.ApiVersion;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one count of unfinished jobs: the store's snapshot at resume, kept current by events. */
class UnfinishedJobsTest {

    private static Job job(long id, JobStatus status) {
        JobTarget target = new JobTarget(URI.create("https://api.runcomfy.net"), ApiVersion.V1, "dep-1", "studio");
        return new Job(id, "req-" + id, target, JobMode.OVERRIDES, "{}", "{}", "flow.json", "a cat", status, null,
                null, null, null, Instant.EPOCH, Instant.EPOCH, null, null, List.of(), List.of());
    }

    private static List<Long> ids(UnfinishedJobs jobs) {
        return jobs.snapshot().stream().map(Job::id).sorted().toList();
    }

    @Test
    void eventsAddAndFinishJobs() {
        UnfinishedJobs jobs = new UnfinishedJobs();
        jobs.onJobEvent(new JobEvent.Submitted(job(1, JobStatus.QUEUED)));
        jobs.onJobEvent(new JobEvent.Submitted(job(2, JobStatus.QUEUED)));
        jobs.onJobEvent(new JobEvent.StatusChanged(job(1, JobStatus.RUNNING), JobStatus.QUEUED));
        jobs.onJobEvent(new JobEvent.StatusChanged(job(2, JobStatus.SUCCEEDED), JobStatus.RUNNING));
        assertThat(ids(jobs)).containsExactly(1L);
        jobs.onJobEvent(new JobEvent.StatusChanged(job(1, JobStatus.FAILED), JobStatus.RUNNING));
        assertThat(jobs.snapshot()).isEmpty();
    }

    @Test
    void aLateSubmittedEventDoesNotCountAFinishedJobAgain() {
        UnfinishedJobs jobs = new UnfinishedJobs();
        // The poller saw the sandbox finish before the submitting thread published "submitted".
        jobs.onJobEvent(new JobEvent.StatusChanged(job(7, JobStatus.SUCCEEDED), JobStatus.RUNNING));
        jobs.onJobEvent(new JobEvent.Submitted(job(7, JobStatus.QUEUED)));
        jobs.onJobEvent(new JobEvent.Submitted(job(8, JobStatus.QUEUED)));
        assertThat(ids(jobs)).containsExactly(8L);
    }

    @Test
    void resumedJobsCountWithoutAnEventAndAnOlderSnapshotDoesNotReviveAFinishedOne() {
        UnfinishedJobs jobs = new UnfinishedJobs();
        jobs.onJobEvent(new JobEvent.StatusChanged(job(5, JobStatus.SUCCEEDED), JobStatus.RUNNING));
        jobs.addSnapshot(List.of(job(4, JobStatus.QUEUED), job(5, JobStatus.RUNNING)));
        assertThat(ids(jobs)).containsExactly(4L);
        jobs.onJobEvent(new JobEvent.Forgotten(job(4, JobStatus.QUEUED)));
        assertThat(jobs.snapshot()).isEmpty();
    }
}
