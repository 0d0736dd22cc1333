package app.comfydesk.ui.workflow;

import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobSubmission;
import java.util.concurrent.CompletableFuture;

/** Where Generate sends jobs: the engine's {@code submit} (tests may count or fail instead). Non-blocking. */
@FunctionalInterface
public interface JobSubmitter {

    CompletableFuture<Job> submit(JobSubmission submission);
}
