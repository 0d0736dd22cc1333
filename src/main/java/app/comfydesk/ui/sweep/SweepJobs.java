package app.comfydesk.ui.sweep;

import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobListener;
import app.comfydesk.jobs.JobSubmission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What a sweep needs of the job engine and store (the engine's own methods; a seam for tests). */
public interface SweepJobs {

    CompletableFuture<Job> submit(JobSubmission submission);

    CompletableFuture<?> cancel(long jobId);

    void addListener(JobListener listener);

    void removeListener(JobListener listener);

    /** Recent run durations of a deployment (blocking). */
    List<Duration> recentDurations(String deploymentId, int limit);

    static SweepJobs of(JobEngine engine) {
        return new SweepJobs() {
            @Override
            public CompletableFuture<Job> submit(JobSubmission submission) {
                return engine.submit(submission);
            }

            @Override
            public CompletableFuture<?> cancel(long jobId) {
                return engine.cancel(jobId);
            }

            @Override
            public void addListener(JobListener listener) {
                engine.addListener(listener);
            }

            @Override
            public void removeListener(JobListener listener) {
                engine.removeListener(listener);
            }

            @Override
            public List<Duration> recentDurations(String deploymentId, int limit) {
                return engine.store().recentDurations(deploymentId, limit);
            }
        };
    }
}
