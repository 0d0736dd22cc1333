package app.comfydesk.ui.sweep;

import app.comfydesk.api.ApiException;
import app.comfydesk.jobs.InFlightLimiter;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEvent;
import app.comfydesk.jobs.JobListener;
import app.comfydesk.jobs.JobOutput;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobGroupTag;
import app.comfydesk.jobs.OutputState;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sweep being run: its cells are submitted with at most {@code maxInFlight} unfinished at once, each job is put
 * into the sweep's group, and every change of a cell is posted to {@code updates} (from engine threads; the
 * receiver coalesces). Cancelling stops what has not started and cancels every job still unfinished, including the
 * ones whose submission is on its way.
 */
public final class SweepSession implements JobListener {

    private static final Logger LOG = LoggerFactory.getLogger(SweepSession.class);

    private final SweepPlan plan;
    private final SweepJobs jobs;
    private final Consumer<CellUpdate> updates;
    private final InFlightLimiter<SweepPlan.Cell> limiter;
    private final Map<Long, Integer> cellByJob = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> ends = new ConcurrentHashMap<>();
    /** Refused submissions' job ids by error, from their SubmitFailed events (which may come before or after). */
    private final Map<Throwable, Long> failedSubmissions = new IdentityHashMap<>();
    /** Refusals told before their SubmitFailed event (the two may arrive in either order); guarded like it. */
    private final Set<Throwable> refusals = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile boolean cancelled;
    private CompletableFuture<Void> all;

    public SweepSession(SweepPlan plan, SweepJobs jobs, int maxInFlight, Consumer<CellUpdate> updates) {
        this.plan = plan;
        this.jobs = jobs;
        this.updates = updates;
        this.limiter = new InFlightLimiter<>(plan.cells(), Math.max(1, maxInFlight), this::startCell);
    }

    /** Starts the first cells; the future completes once every cell has ended (or was never started). */
    public synchronized CompletableFuture<Void> start() {
        if (all == null) {
            jobs.addListener(this);
            all = limiter.run();
            all.whenComplete((ok, error) -> jobs.removeListener(this));
        }
        return all;
    }

    /** Completes once the last cell has been handed to the engine. */
    public CompletableFuture<Void> allStarted() {
        return limiter.allStarted();
    }

    public SweepPlan plan() {
        return plan;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Cancels the sweep as a whole: nothing more starts; every unfinished job is asked to stop. */
    public void cancel() {
        cancelled = true;
        for (SweepPlan.Cell dropped : limiter.stop()) {
            updates.accept(new CellUpdate(dropped.cell().index(), CellPhase.CANCELLED, null, null, "not sent"));
        }
        cellByJob.keySet().forEach(this::cancelJob);
    }

    private void cancelJob(long jobId) {
        CompletableFuture<Void> end = ends.get(jobId);
        if (end != null && !end.isDone()) {
            jobs.cancel(jobId).exceptionally(error -> {
                LOG.info("Cancelling job {} of sweep {} failed: {}", jobId, plan.groupId(), error.getMessage());
                return null;
            });
        }
    }

    private CompletableFuture<Void> startCell(SweepPlan.Cell cell) {
        int index = cell.cell().index();
        CompletableFuture<Void> end = new CompletableFuture<>();
        updates.accept(new CellUpdate(index, CellPhase.SUBMITTING, null, null, null));
        // The job is created in the sweep's group (one insert), so no list ever reads it outside the group.
        JobGroupTag group = new JobGroupTag(plan.groupId(), plan.groupJson(cell));
        jobs.submit(cell.submission().withGroup(group)).whenComplete((job, error) -> {
            if (error == null) {
                // Runs on the engine thread right after the Submitted event, before any poll of this job.
                ends.put(job.id(), end);
                cellByJob.put(job.id(), index);
                updates.accept(update(index, job));
                if (ended(job.status())) {
                    end.complete(null);
                } else if (cancelled) {
                    cancelJob(job.id());
                }
            } else {
                Long jobId;
                synchronized (failedSubmissions) {
                    jobId = failedSubmissions.remove(error);
                    if (jobId == null) {
                        refusals.add(error); // its SubmitFailed event is still to come
                    }
                }
                updates.accept(new CellUpdate(index, CellPhase.FAILED, jobId, null, message(error)));
                end.complete(null);
            }
        });
        return end;
    }

    @Override
    public void onJobEvent(JobEvent event) {
        Job job = event.job();
        if (job == null) {
            return;
        }
        if (event instanceof JobEvent.SubmitFailed failed) {
            synchronized (failedSubmissions) {
                if (!refusals.remove(failed.error())) {
                    failedSubmissions.put(failed.error(), job.id()); // the refusal's cell is told its job id
                }
            }
            return;
        }
        Integer index = cellByJob.get(job.id());
        if (index == null) {
            return;
        }
        updates.accept(update(index, job));
        if (ended(job.status())) {
            CompletableFuture<Void> end = ends.get(job.id());
            if (end != null) {
                end.complete(null);
            }
        }
    }

    private static boolean ended(JobStatus status) {
        return status.isTerminal() || status == JobStatus.SUBMISSION_UNCERTAIN;
    }

    static CellUpdate update(int index, Job job) {
        CellPhase phase = CellPhase.of(job.status());
        String note = phase == CellPhase.FAILED ? job.errorMessage() : null;
        for (JobOutput output : job.outputs()) {
            if (output.state() == OutputState.SAVED && output.localPath() != null) {
                return new CellUpdate(index, phase, job.id(), output.localPath(), note, output.index(),
                        output.mark());
            }
        }
        return new CellUpdate(index, phase, job.id(), null, note);
    }

    private static String message(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause instanceof ApiException api ? api.userMessage() : String.valueOf(cause.getMessage());
    }
}
