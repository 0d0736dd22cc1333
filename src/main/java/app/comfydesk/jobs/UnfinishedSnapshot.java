package app.comfydesk.jobs;

import java.util.List;
import java.util.function.Predicate;

/**
 * The engine's unfinished jobs at one moment ({@link JobEngine#unfinished()}): the quit warning counts them by where
 * they run, the job monitor's status bar by {@link #running()} and {@link #queued()}. Both read this one snapshot,
 * so the two cannot disagree about which jobs are still going.
 *
 * @param jobs the jobs as last known, in no particular order
 */
public record UnfinishedSnapshot(List<Job> jobs) {

    public static final UnfinishedSnapshot NONE = new UnfinishedSnapshot(List.of());

    public UnfinishedSnapshot {
        jobs = List.copyOf(jobs);
    }

    /** Running on the server or saving their outputs: the status bar's "2 running". */
    public int running() {
        return count(job -> job.status() == JobStatus.RUNNING || job.status() == JobStatus.DOWNLOADING);
    }

    /** Being sent or waiting in the server's queue: the status bar's "3 queued". */
    public int queued() {
        return count(job -> job.status() == JobStatus.QUEUED || job.status() == JobStatus.SUBMITTING);
    }

    public int count(Predicate<Job> which) {
        return (int) jobs.stream().filter(which).count();
    }

    public boolean isEmpty() {
        return jobs.isEmpty();
    }
}
