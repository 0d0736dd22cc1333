package app.comfydesk.jobs;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.CancelOutcome;
import app.comfydesk.api.CancelResponse;
import app.comfydesk.api.RemoteStatus;
import app.comfydesk.api.RunComfyClient;
import app.comfydesk.api.SubmissionUncertainException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * What a user (or the command line) asks of a job: submit it, attach a request id found on the dashboard, cancel it,
 * delete its server copy, forget it, download its outputs again. Each runs its bookkeeping on the engine thread and
 * publishes what it did; see the matching methods of {@link JobEngine} for the contracts.
 */
final class JobCommands {

    private final JobStore store;
    private final EngineSettings settings;
    private final EngineLoop loop;
    private final Function<JobTarget, RunComfyClient> clients;
    private final JobLeases leases;
    private final JobPoller poller;
    private final DownloadCoordinator downloads;

    JobCommands(JobStore store, EngineSettings settings, EngineLoop loop, Function<JobTarget, RunComfyClient> clients,
                JobLeases leases, JobPoller poller, DownloadCoordinator downloads) {
        this.store = store;
        this.settings = settings;
        this.loop = loop;
        this.clients = clients;
        this.leases = leases;
        this.poller = poller;
        this.downloads = downloads;
    }

    CompletableFuture<Job> submit(JobSubmission submission) {
        CompletableFuture<Job> result = new CompletableFuture<>();
        loop.call(() -> {
            RunComfyClient client;
            try {
                client = clients.apply(submission.target());
            } catch (RuntimeException e) {
                // Nothing was sent and nothing is recorded: a SUBMITTING row would later read "uncertain".
                throw new ApiException(0, null, "could not prepare the request: " + (e.getMessage() == null
                        ? "no client for this target" : e.getMessage()), null, e);
            }
            Job job = store.create(submission, loop.now(), leases.owner(), JobEngine.LEASE);
            leases.holdNew(job.id());
            loop.publish(new JobEvent.StatusChanged(job, null));
            client.submit(submission.request()).whenCompleteAsync((response, error) -> {
                if (error == null) {
                    Path root = submission.outputRoot() != null ? submission.outputRoot() : settings.outputRoot();
                    Path folder = OutputPaths.requestFolder(root, response.requestId());
                    Job accepted = store.markSubmitted(job.id(), response.requestId(), folder, loop.now());
                    poller.track(accepted, settings.schedule().firstPoll());
                    loop.publish(new JobEvent.Submitted(accepted));
                    result.complete(accepted);
                } else {
                    ApiException e = EngineErrors.apiException(error);
                    JobStatus status = e instanceof SubmissionUncertainException
                            ? JobStatus.SUBMISSION_UNCERTAIN : JobStatus.FAILED;
                    Job failed = store.recordError(job.id(), status, EngineErrors.errorJson(e), e.userMessage(),
                            loop.now());
                    loop.publish(new JobEvent.SubmitFailed(failed, e));
                    result.completeExceptionally(e);
                }
            }, loop.executor()).exceptionally(t -> {
                result.completeExceptionally(t);
                return null;
            });
            return null;
        }).exceptionally(t -> {
            result.completeExceptionally(t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
            return null;
        });
        return result;
    }

    CompletableFuture<Job> attachRequestId(long jobId, String requestId) {
        return loop.call(() -> {
            Job job = requireJob(jobId);
            if (job.status() != JobStatus.SUBMISSION_UNCERTAIN) {
                throw new IllegalStateException("Only a job whose submission is uncertain can get a request id");
            }
            leases.require(jobId);
            Job attached = store.markSubmitted(jobId, requestId.trim(),
                    OutputPaths.requestFolder(settings.outputRoot(), requestId.trim()), loop.now());
            poller.track(attached, Duration.ZERO);
            loop.publish(new JobEvent.StatusChanged(attached, job.status()));
            return attached;
        });
    }

    CompletableFuture<CancelOutcome> cancel(long jobId) {
        return loop.call(() -> requireJob(jobId)).thenCompose(job -> {
            if (job.status().isTerminal() || job.requestId() == null) {
                String message = job.requestId() == null
                        ? "This job has no request id (it was never confirmed by the server), so it cannot be "
                        + "cancelled from here; check the RunComfy dashboard"
                        : "The job has already finished (" + job.status().jsonName() + ")";
                return loop.call(() -> {
                    loop.publish(new JobEvent.CancelResult(job, CancelOutcome.NOT_CANCELLABLE, message));
                    return CancelOutcome.NOT_CANCELLABLE;
                });
            }
            return clients.apply(job.target()).cancel(job.requestId()).handleAsync((response, error) -> {
                if (error != null) {
                    ApiException e = EngineErrors.apiException(error);
                    loop.publish(new JobEvent.ActionFailed(current(job), "cancel", e));
                    throw e;
                }
                return cancelled(job, response);
            }, loop.executor());
        });
    }

    private CancelOutcome cancelled(Job job, CancelResponse response) {
        Job now = current(job);
        if (now.status().isTerminal() || now.status() == JobStatus.DOWNLOADING) {
            // The poller saw the job finish while the cancel was on its way: what the server did with the cancel
            // no longer matters. The job stays as it finished, and its outputs go on downloading.
            String message = now.status() == JobStatus.DOWNLOADING
                    ? "The job had already finished on the server before the cancel reached it; its outputs are "
                    + "being saved"
                    : "The job had already finished (" + now.status().jsonName() + ") before the cancel reached "
                    + "the server";
            loop.publish(new JobEvent.CancelResult(now, CancelOutcome.NOT_CANCELLABLE, message));
            return CancelOutcome.NOT_CANCELLABLE;
        }
        CancelOutcome outcome = response.outcome();
        if (outcome == CancelOutcome.UNKNOWN) {
            outcome = response.status() == RemoteStatus.CANCELLED ? CancelOutcome.CANCELLED
                    : CancelOutcome.CANCELLATION_REQUESTED;
        }
        String message;
        switch (outcome) {
            case CANCELLED -> {
                now = store.updateStatus(job.id(), JobStatus.CANCELLED, null, null, "cancelled by the user",
                        loop.now());
                poller.untrack(job.id());   // only once stored: if the write fails, the poller still follows the job
                loop.publish(new JobEvent.StatusChanged(now, job.status()));
                message = "Cancelled";
            }
            case CANCELLATION_REQUESTED -> {
                poller.pollSoon(job.id());
                message = "Cancellation requested; the job stops shortly";
            }
            default -> {
                poller.pollSoon(job.id());
                message = "The job can no longer be cancelled: it has finished or is finishing";
            }
        }
        loop.publish(new JobEvent.CancelResult(now, outcome, message));
        return outcome;
    }

    CompletableFuture<Integer> deleteRemote(long jobId) {
        return loop.call(() -> requireJob(jobId)).thenCompose(job -> {
            if (job.requestId() == null) {
                ApiException e = new ApiException(0, null, "this job has no request id, so there is nothing to "
                        + "delete on the server", null, null);
                return loop.call(() -> {
                    loop.publish(new JobEvent.ActionFailed(job, "delete", e));
                    throw e;
                });
            }
            return clients.apply(job.target()).delete(job.requestId()).handleAsync((response, error) -> {
                if (error != null) {
                    ApiException e = EngineErrors.apiException(error);
                    if (e.httpStatus() == 409) {
                        e = new ApiException(409, e.errorCode(), "the job is still running on the server; cancel it "
                                + "first or wait until it finishes, then delete it", e.detail(), e);
                    }
                    loop.publish(new JobEvent.ActionFailed(current(job), "delete", e));
                    throw e;
                }
                int deleted = response.deletedObjects() == null ? 0 : response.deletedObjects();
                loop.publish(new JobEvent.RemoteDeleted(current(job), deleted,
                        "Deleted from RunComfy (" + deleted + " stored object" + (deleted == 1 ? "" : "s") + ")"));
                return deleted;
            }, loop.executor());
        });
    }

    CompletableFuture<Boolean> forget(long jobId) {
        return loop.call(() -> {
            Job job = store.find(jobId).orElse(null);
            poller.untrack(jobId);
            downloads.drop(jobId);
            boolean removed = store.delete(jobId);
            if (removed) {
                loop.publish(new JobEvent.Forgotten(job));
            }
            return removed;
        });
    }

    CompletableFuture<Job> retryDownloads(long jobId) {
        return loop.call(() -> {
            Job job = requireJob(jobId);
            List<JobOutput> retry = job.outputs().stream().filter(o -> o.state() == OutputState.FAILED
                    || o.state() == OutputState.EXPIRED).toList();
            if (retry.isEmpty() || downloads.running(jobId)) {
                throw new IllegalStateException("This job has no failed or expired outputs to download again");
            }
            leases.require(jobId);
            for (JobOutput o : retry) {
                store.updateOutput(jobId, o.withState(OutputState.PENDING, 0, null));
            }
            Job downloading = store.updateStatus(jobId, JobStatus.DOWNLOADING, null, null, "downloading again",
                    loop.now());
            loop.publish(new JobEvent.StatusChanged(downloading, job.status()));
            downloads.start(downloading);
            return downloading;
        });
    }

    private Job requireJob(long jobId) {
        return store.find(jobId).orElseThrow(() -> new IllegalArgumentException("No job with id " + jobId));
    }

    private Job current(Job job) {
        return store.find(job.id()).orElse(job);
    }
}
