package app.comfydesk.jobs;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiException;
import app.comfydesk.api.ApiJson;
import app.comfydesk.api.CancelOutcome;
import app.comfydesk.api.CancelResponse;
import app.comfydesk.api.OutputFile;
import app.comfydesk.api.RemoteStatus;
import app.comfydesk.api.ResultResponse;
import app.comfydesk.api.RunComfyClient;
import app.comfydesk.api.StatusResponse;
import app.comfydesk.api.SubmissionUncertainException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits jobs, polls every unfinished one with a single adaptive poller, downloads outputs, and publishes events.
 *
 * <p>Threading: all bookkeeping and every store write happen on one engine thread, so no state is shared between
 * threads; HTTP answers come back on the client's I/O thread and are handed over; downloads run on a small pool.
 * Listeners are called on the engine thread.
 *
 * <p>Never loses a job: a job is written to the store before it is sent; a crash while sending leaves it
 * SUBMITTING, which becomes SUBMISSION_UNCERTAIN on the next {@link #start()} (never resent automatically);
 * {@link #start()} resumes polling and downloading of every other unfinished job. A job is SUCCEEDED only when
 * every output is on disk.
 */
public final class JobEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    private static final long MAX_TICK_MILLIS = 100;
    private static final int NOT_FOUND_LIMIT = 3;
    /** Bad answers in a row about one job, while the server answers others, before the job is given up. */
    private static final int BAD_ANSWER_LIMIT = 10;
    /**
     * How long a job stays this process's to follow without a renewal. A process killed (or frozen) longer than this
     * loses its jobs to the next {@code jobs --resume} or app beside it; a live one renews every {@link #HEARTBEAT}.
     */
    public static final Duration LEASE = Duration.ofSeconds(30);
    /** How often the leases are renewed and jobs of a vanished holder looked for (on the injected clock). */
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private final JobStore store;
    private final ClientFactory clientFactory;
    private final EngineSettings settings;
    private final ScheduledExecutorService engine;
    private final ExecutorService downloads;
    private final OutputDownloader downloader;
    private final Map<JobTarget, RunComfyClient> clients = new ConcurrentHashMap<>();
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    /** This engine's name in job leases: which process follows a job (its pid, and a random part). */
    private final String owner = "pid " + ProcessHandle.current().pid() + "/"
            + java.util.UUID.randomUUID().toString().substring(0, 8);

    // Engine-thread state.
    private final Map<Long, Tracked> tracked = new HashMap<>();
    private final PriorityQueue<Tracked> due = new PriorityQueue<>((a, b) -> Long.compare(a.dueAt, b.dueAt));
    private final Map<Long, Integer> downloadsLeft = new HashMap<>();
    private final Map<String, OriginState> origins = new HashMap<>();
    private final Map<Long, DownloadTrouble> downloadTrouble = new HashMap<>();
    /** Jobs this process holds the lease of (and so polls and downloads). */
    private final Set<Long> leased = new HashSet<>();
    /** Unfinished jobs this engine would follow that another process holds, with the status last seen. */
    private final Map<Long, JobStatus> elsewhere = new HashMap<>();
    private java.util.function.Predicate<Job> resumeWhich;
    private Instant nextHeartbeat;
    private int inFlight;
    private boolean started;
    private volatile boolean closed;

    /**
     * Reachability of one API origin (engine thread only). Kept per origin so that a dead one (say, an old sandbox
     * port) neither slows nor flags jobs on another.
     */
    private static final class OriginState {
        final String origin;
        int failures;
        boolean offline;
        int inFlight;
        /** Good answers so far: one that came after a job's trouble began shows that trouble is the job's own. */
        long goodAnswers;
        /** Jobs that got a bad answer (5xx, unreadable, ...) since the last good one. */
        final Set<Long> badAnswerJobs = new HashSet<>();

        OriginState(String origin) {
            this.origin = origin;
        }
    }

    /**
     * Download rounds of a job that ended with outputs still missing, without a single output saved since
     * {@code since}: the next round waits longer the more rounds in a row failed.
     */
    private record DownloadTrouble(Instant since, int failedRounds) {
    }

    /** Per-job poll state (engine thread only). */
    private static final class Tracked {
        final long jobId;
        final String origin;
        Job job;
        Instant failingSince;
        /** The origin's {@link OriginState#goodAnswers} when this job's failures began. */
        long goodAnswersBeforeFailing;
        long dueAt;
        boolean queuedForPoll;
        boolean busy;
        int failures;
        int notFound;
        /** Bad answers in a row about this job while the server answered others. */
        int badAnswers;
        /** Its own trouble (not the server's) was reported in this run of failures. */
        boolean troubleReported;

        Tracked(Job job) {
            this.jobId = job.id();
            this.origin = ApiEndpoint.origin(job.target().baseUrl());
            this.job = job;
        }
    }

    private final UnfinishedJobs unfinished = new UnfinishedJobs();

    public JobEngine(JobStore store, ClientFactory clientFactory, EngineSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.clientFactory = Objects.requireNonNull(clientFactory, "clientFactory");
        this.settings = Objects.requireNonNull(settings, "settings");
        ScheduledThreadPoolExecutor engineThread = new ScheduledThreadPoolExecutor(1, named("comfydesk-engine"));
        // close() drops what is scheduled for later (a download retry may be a minute away); work already due runs.
        engineThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.engine = engineThread;
        this.downloads = Executors.newFixedThreadPool(settings.maxConcurrentDownloads(), named("comfydesk-download"));
        this.downloader = new OutputDownloader(settings.downloadConnectTimeout(), settings.downloadReadTimeout(),
                settings.downloadAttempts(), settings.downloadRetryDelay(), settings.maxConcurrentDownloads(),
                settings.maxOutputBytes());
    }

    public JobStore store() {
        return store;
    }

    /** The jobs this engine follows that have not finished (resumed at start or submitted since). */
    public List<Job> unfinishedJobs() {
        return unfinished.snapshot();
    }

    public void addListener(JobListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts the poller and resumes every unfinished job that belongs to a settings profile. Jobs of the command
     * line ({@link JobTarget#isCommandLine()}) are left alone: their token is the {@code RUNCOMFY_TOKEN} of whoever
     * runs {@code comfydesk jobs --resume}, and polling them without it would only collect 401s. Idempotent.
     */
    public CompletableFuture<Void> start() {
        return start(job -> !job.target().isCommandLine());
    }

    /**
     * Starts the poller and resumes the unfinished jobs {@code resumeWhich} accepts (the app passes the jobs of the
     * profiles it knows; the command line its own, {@link JobTarget#isCommandLine()}). Idempotent.
     */
    public CompletableFuture<Void> start(java.util.function.Predicate<Job> resumeWhich) {
        return onEngine(() -> {
            if (started) {
                return null;
            }
            started = true;
            this.resumeWhich = resumeWhich;
            claimAndWatch();
            nextHeartbeat = now().plus(HEARTBEAT);
            // The tick bounds the added latency to a quarter of the running interval (100 ms by default).
            long tick = Math.max(5, Math.min(MAX_TICK_MILLIS, settings.schedule().running().toMillis() / 4));
            engine.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
            return null;
        });
    }

    /**
     * Takes every unfinished job {@link #resumeWhich} accepts that nobody else follows (or whose holder stopped
     * renewing its lease) and resumes it; watches the others, publishing their status changes as they are stored
     * by the process that follows them, so listeners (a {@code jobs --resume} waiting for its jobs, the job table)
     * see them end.
     */
    private void claimAndWatch() {
        Set<Long> seen = new HashSet<>();
        for (Job job : store.unfinished()) {
            if (leased.contains(job.id()) || !resumeWhich.test(job)) {
                continue;
            }
            seen.add(job.id());
            boolean takeable = job.status() != JobStatus.SUBMISSION_UNCERTAIN;   // waits for the user, not a process
            if (takeable && store.claim(job.id(), owner, now(), LEASE)) {
                leased.add(job.id());
                JobStatus before = elsewhere.remove(job.id());
                if (before != null && before != job.status()) {
                    publish(new JobEvent.StatusChanged(job, before));
                }
                unfinished.addSnapshot(List.of(job)); // the quit warning counts it before any event about it
                resume(job);
            } else {
                JobStatus before = elsewhere.put(job.id(), job.status());
                if (before != null && before != job.status()) {
                    publish(new JobEvent.StatusChanged(job, before));
                }
            }
        }
        for (java.util.Iterator<Map.Entry<Long, JobStatus>> it = elsewhere.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, JobStatus> e = it.next();
            if (!seen.contains(e.getKey())) {
                it.remove();   // ended under another process (or was forgotten)
                store.find(e.getKey()).ifPresent(job -> publish(new JobEvent.StatusChanged(job, e.getValue())));
            }
        }
    }

    /** Renews this process's leases, drops jobs another process took over, and looks for jobs to take. */
    private void heartbeat() {
        Instant now = now();
        nextHeartbeat = now.plus(HEARTBEAT);
        if (!leased.isEmpty()) {
            Set<Long> held = store.renew(owner, new ArrayList<>(leased), now, LEASE);
            for (Long id : new ArrayList<>(leased)) {
                if (!held.contains(id)) {
                    // Ended (a final status ends the lease) or taken over after renewals were missed: either way
                    // this process stops following it; the new holder saves its outputs.
                    leased.remove(id);
                    untrack(id);
                    downloadTrouble.remove(id);
                }
            }
        }
        if (resumeWhich != null) {
            claimAndWatch();
        }
    }

    /** Runs a heartbeat now, whatever the clock says (tests move the clock, then wait for this). */
    CompletableFuture<Void> beat() {
        return onEngine(() -> {
            heartbeat();
            return null;
        });
    }

    /** Jobs the engine would follow but another live process does (e.g. a {@code run} beside a resume). */
    public CompletableFuture<Set<Long>> followedElsewhere() {
        return onEngine(() -> Set.copyOf(elsewhere.keySet()));
    }

    /** This process's name in the job database's leases. */
    public String owner() {
        return owner;
    }

    private void resume(Job job) {
        switch (job.status()) {
            case SUBMITTING -> {
                Job j = store.recordError(job.id(), JobStatus.SUBMISSION_UNCERTAIN, null,
                        "ComfyDesk stopped while sending this job; it may or may not have been accepted — check the "
                                + "RunComfy dashboard before submitting again", now());
                publish(new JobEvent.StatusChanged(j, job.status()));
            }
            case QUEUED, RUNNING -> track(job, settings.schedule().firstPoll());
            case DOWNLOADING -> {
                cleanPartFiles(job);
                if (job.outputs().isEmpty()) {
                    track(job, Duration.ZERO);
                } else {
                    startDownloads(job);
                }
            }
            default -> {
                // SUBMISSION_UNCERTAIN waits for the user; terminal states are not returned by unfinished().
            }
        }
    }

    // ---- submit -------------------------------------------------------------------------------------------------

    /**
     * Records the job, sends it, and starts polling it. Completes with the job once the server accepted it; fails
     * with the {@link ApiException} otherwise (the job stays in the store as FAILED or SUBMISSION_UNCERTAIN, and a
     * {@link JobEvent.SubmitFailed} is published).
     */
    public CompletableFuture<Job> submit(JobSubmission submission) {
        CompletableFuture<Job> result = new CompletableFuture<>();
        onEngine(() -> {
            RunComfyClient client;
            try {
                client = client(submission.target());
            } catch (RuntimeException e) {
                // Nothing was sent and nothing is recorded: a SUBMITTING row would later read "uncertain".
                throw new ApiException(0, null, "could not prepare the request: " + (e.getMessage() == null
                        ? "no client for this target" : e.getMessage()), null, e);
            }
            Job job = store.create(submission, now(), owner, LEASE);
            leased.add(job.id());
            publish(new JobEvent.StatusChanged(job, null));
            client.submit(submission.request()).whenCompleteAsync((response, error) -> {
                if (error == null) {
                    Path root = submission.outputRoot() != null ? submission.outputRoot() : settings.outputRoot();
                    Path folder = OutputPaths.requestFolder(root, response.requestId());
                    Job accepted = store.markSubmitted(job.id(), response.requestId(), folder, now());
                    track(accepted, settings.schedule().firstPoll());
                    publish(new JobEvent.Submitted(accepted));
                    result.complete(accepted);
                } else {
                    ApiException e = apiException(error);
                    JobStatus status = e instanceof SubmissionUncertainException
                            ? JobStatus.SUBMISSION_UNCERTAIN : JobStatus.FAILED;
                    Job failed = store.recordError(job.id(), status, errorJson(e), e.userMessage(), now());
                    publish(new JobEvent.SubmitFailed(failed, e));
                    result.completeExceptionally(e);
                }
            }, engine).exceptionally(t -> {
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

    /**
     * For a SUBMISSION_UNCERTAIN job the user found on the dashboard: attach its request id and track it.
     */
    public CompletableFuture<Job> attachRequestId(long jobId, String requestId) {
        return onEngine(() -> {
            Job job = requireJob(jobId);
            if (job.status() != JobStatus.SUBMISSION_UNCERTAIN) {
                throw new IllegalStateException("Only a job whose submission is uncertain can get a request id");
            }
            requireLease(jobId);
            Job attached = store.markSubmitted(jobId, requestId.trim(),
                    OutputPaths.requestFolder(settings.outputRoot(), requestId.trim()), now());
            track(attached, Duration.ZERO);
            publish(new JobEvent.StatusChanged(attached, job.status()));
            return attached;
        });
    }

    // ---- cancel / delete / forget ------------------------------------------------------------------------------

    /**
     * Asks the server to cancel. Completes with the outcome (also published as {@link JobEvent.CancelResult}):
     * CANCELLED marks the job cancelled, CANCELLATION_REQUESTED keeps polling until the server confirms,
     * NOT_CANCELLABLE means it finished or is finishing. A job seen to finish while the cancel was on its way stays
     * as it finished, whatever the answer (NOT_CANCELLABLE). Fails with {@link ApiException} (and
     * {@link JobEvent.ActionFailed}) when the call fails.
     */
    public CompletableFuture<CancelOutcome> cancel(long jobId) {
        return onEngine(() -> requireJob(jobId)).thenCompose(job -> {
            if (job.status().isTerminal() || job.requestId() == null) {
                String message = job.requestId() == null
                        ? "This job has no request id (it was never confirmed by the server), so it cannot be "
                        + "cancelled from here; check the RunComfy dashboard"
                        : "The job has already finished (" + job.status().jsonName() + ")";
                return onEngine(() -> {
                    publish(new JobEvent.CancelResult(job, CancelOutcome.NOT_CANCELLABLE, message));
                    return CancelOutcome.NOT_CANCELLABLE;
                });
            }
            return client(job.target()).cancel(job.requestId()).handleAsync((response, error) -> {
                if (error != null) {
                    ApiException e = apiException(error);
                    publish(new JobEvent.ActionFailed(current(job), "cancel", e));
                    throw e;
                }
                return cancelled(job, response);
            }, engine);
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
            publish(new JobEvent.CancelResult(now, CancelOutcome.NOT_CANCELLABLE, message));
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
                now = store.updateStatus(job.id(), JobStatus.CANCELLED, null, null, "cancelled by the user", now());
                untrack(job.id());   // only once stored: if the write fails, the poller still follows the job
                publish(new JobEvent.StatusChanged(now, job.status()));
                message = "Cancelled";
            }
            case CANCELLATION_REQUESTED -> {
                pollSoon(job.id());
                message = "Cancellation requested; the job stops shortly";
            }
            default -> {
                pollSoon(job.id());
                message = "The job can no longer be cancelled: it has finished or is finishing";
            }
        }
        publish(new JobEvent.CancelResult(now, outcome, message));
        return outcome;
    }

    /**
     * Purges the job's inputs and outputs on the server (local files stay). Completes with the number of objects
     * removed; a job still running fails with a 409 {@link ApiException} whose message says to cancel first or wait.
     */
    public CompletableFuture<Integer> deleteRemote(long jobId) {
        return onEngine(() -> requireJob(jobId)).thenCompose(job -> {
            if (job.requestId() == null) {
                ApiException e = new ApiException(0, null, "this job has no request id, so there is nothing to "
                        + "delete on the server", null, null);
                return onEngine(() -> {
                    publish(new JobEvent.ActionFailed(job, "delete", e));
                    throw e;
                });
            }
            return client(job.target()).delete(job.requestId()).handleAsync((response, error) -> {
                if (error != null) {
                    ApiException e = apiException(error);
                    if (e.httpStatus() == 409) {
                        e = new ApiException(409, e.errorCode(), "the job is still running on the server; cancel it "
                                + "first or wait until it finishes, then delete it", e.detail(), e);
                    }
                    publish(new JobEvent.ActionFailed(current(job), "delete", e));
                    throw e;
                }
                int deleted = response.deletedObjects() == null ? 0 : response.deletedObjects();
                publish(new JobEvent.RemoteDeleted(current(job), deleted,
                        "Deleted from RunComfy (" + deleted + " stored object" + (deleted == 1 ? "" : "s") + ")"));
                return deleted;
            }, engine);
        });
    }

    /** Removes the job from the local history (files on disk and the server copy are untouched). */
    public CompletableFuture<Boolean> forget(long jobId) {
        return onEngine(() -> {
            Job job = store.find(jobId).orElse(null);
            untrack(jobId);
            downloadTrouble.remove(jobId);
            boolean removed = store.delete(jobId);
            if (removed) {
                publish(new JobEvent.Forgotten(job));
            }
            return removed;
        });
    }

    /**
     * Tries again to save the outputs of a finished job whose downloads failed or expired (the host may be back).
     * Completes with the job, now DOWNLOADING; fails with {@link IllegalStateException} if nothing can be retried.
     */
    public CompletableFuture<Job> retryDownloads(long jobId) {
        return onEngine(() -> {
            Job job = requireJob(jobId);
            List<JobOutput> retry = job.outputs().stream().filter(o -> o.state() == OutputState.FAILED
                    || o.state() == OutputState.EXPIRED).toList();
            if (retry.isEmpty() || downloadsLeft.containsKey(jobId)) {
                throw new IllegalStateException("This job has no failed or expired outputs to download again");
            }
            requireLease(jobId);
            for (JobOutput o : retry) {
                store.updateOutput(jobId, o.withState(OutputState.PENDING, 0, null));
            }
            Job downloading = store.updateStatus(jobId, JobStatus.DOWNLOADING, null, null, "downloading again",
                    now());
            publish(new JobEvent.StatusChanged(downloading, job.status()));
            startDownloads(downloading);
            return downloading;
        });
    }

    private void requireLease(long jobId) {
        if (!store.claim(jobId, owner, now(), LEASE)) {
            String holder = store.lease(jobId).map(JobStore.Lease::owner).orElse("another process");
            throw new IllegalStateException("Another ComfyDesk process (" + holder + ") is following this job; "
                    + "try again when it has finished with it");
        }
        leased.add(jobId);
        elsewhere.remove(jobId);
    }

    /** Polls the job at the next tick (e.g. the user pressed refresh). */
    public void refresh(long jobId) {
        onEngine(() -> {
            pollSoon(jobId);
            return null;
        });
    }

    // ---- poller -------------------------------------------------------------------------------------------------

    private void track(Job job, Duration delay) {
        Tracked t = tracked.computeIfAbsent(job.id(), id -> new Tracked(job));
        t.job = job;
        schedule(t, delay);
    }

    private void untrack(long jobId) {
        Tracked t = tracked.remove(jobId);
        if (t != null) {
            due.remove(t);
        }
    }

    private void schedule(Tracked t, Duration delay) {
        if (t.queuedForPoll) {
            due.remove(t);
        }
        t.dueAt = System.nanoTime() + delay.toNanos();
        t.queuedForPoll = true;
        due.add(t);
    }

    private void pollSoon(long jobId) {
        Tracked t = tracked.get(jobId);
        if (t != null && !t.busy) {
            schedule(t, Duration.ZERO);
        }
    }

    private void tick() {
        try {
            if (nextHeartbeat != null && !now().isBefore(nextHeartbeat)) {
                heartbeat();
            }
        } catch (RuntimeException e) {
            // E.g. the database locked past its busy timeout: the leases have LEASE - HEARTBEAT to spare.
            LOG.warn("Renewing the job leases failed: {}", e.getMessage());
        }
        try {
            long nowNanos = System.nanoTime();
            List<Tracked> held = null;
            while (inFlight < settings.maxConcurrentPolls() && !due.isEmpty() && due.peek().dueAt <= nowNanos) {
                Tracked t = due.poll();
                t.queuedForPoll = false;
                if (tracked.get(t.jobId) != t) {
                    continue;
                }
                OriginState origin = origin(t);
                if (origin.offline && origin.inFlight > 0) {
                    // One probe at a time to an origin that is down; the others wait for its answer.
                    (held == null ? held = new ArrayList<>() : held).add(t);
                    continue;
                }
                poll(t);
            }
            if (held != null) {
                for (Tracked t : held) {
                    schedule(t, settings.schedule().offline(origin(t).failures));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Poller tick failed: {}", e.toString());
        }
    }

    private void poll(Tracked t) {
        Job job = t.job;
        RunComfyClient client;
        try {
            client = client(job.target());
        } catch (RuntimeException e) {
            // E.g. the profile's token is gone: keep the job, try again later.
            LOG.warn("No client for job {}: {}", t.jobId, e.getMessage());
            schedule(t, settings.schedule().offlineCap());
            return;
        }
        if (job.status() == JobStatus.DOWNLOADING) {
            fetchResult(t, client);
        } else {
            t.busy = true;
            inFlight++;
            origin(t).inFlight++;
            client.status(job.requestId()).whenCompleteAsync((s, e) -> guarded(t, () -> afterStatus(t, s, e)),
                    engine);
        }
    }

    private void fetchResult(Tracked t, RunComfyClient client) {
        t.busy = true;
        inFlight++;
        origin(t).inFlight++;
        client.result(t.job.requestId()).whenCompleteAsync((r, e) -> guarded(t, () -> afterResult(t, r, e)), engine);
    }

    /** Runs an answer handler; if it fails (e.g. the database is locked), the job is polled again later. */
    private void guarded(Tracked t, Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            LOG.warn("Handling the answer for job {} failed: {}", t.jobId, e.getMessage());
            t.busy = false;
            if (tracked.get(t.jobId) == t && !closed) {
                schedule(t, settings.schedule().offline(++t.failures));
            }
        }
    }

    /** Bookkeeping shared by every answer; false when it is stale or a failure (handled here). */
    private boolean accept(Tracked t, Throwable error) {
        inFlight--;
        origin(t).inFlight--;
        t.busy = false;
        if (tracked.get(t.jobId) != t || closed) {
            return false;
        }
        if (error != null) {
            pollFailed(t, apiException(error));
            return false;
        }
        reachedServer(t);
        return true;
    }

    private void afterStatus(Tracked t, StatusResponse status, Throwable error) {
        Instant failingSince = t.failingSince;
        if (!accept(t, error)) {
            return;
        }
        Job job = t.job;
        RemoteStatus remote = status.status();
        if (remote.isFinished()) {
            // The status says done; the result says how it ended and where the outputs are. Until the result
            // call itself succeeds the job has not moved on: a good status between failed results must not
            // restart the give-up clock (status ok, result fails, again and again, would never give up).
            t.failingSince = failingSince;
            fetchResult(t, client(job.target()));
            return;
        }
        JobStatus next = switch (remote) {
            case IN_QUEUE -> JobStatus.QUEUED;
            case IN_PROGRESS -> JobStatus.RUNNING;
            default -> job.status();
        };
        Integer position = next == JobStatus.QUEUED ? status.queuePosition() : null;
        boolean instanceChanged = status.instanceId() != null && !status.instanceId().equals(job.instanceId());
        if (next == job.status() && next == JobStatus.QUEUED && !instanceChanged
                && !Objects.equals(position, job.queuePosition())) {
            // The common case while the queue moves: a cheap single-column update.
            Instant at = now();
            store.updateQueuePosition(job.id(), position, at);
            t.job = job.withQueuePosition(position, at);
            publish(new JobEvent.StatusChanged(t.job, job.status()));
        } else if (next != job.status() || !Objects.equals(position, job.queuePosition()) || instanceChanged) {
            // Queue position and instance are stored as structured history by the store, not as a note.
            Job updated = store.updateStatus(job.id(), next, position, status.instanceId(), null, now());
            t.job = updated;
            publish(new JobEvent.StatusChanged(updated, job.status()));
        }
        Duration age = Duration.between(job.createdAt(), now());
        schedule(t, jitter(settings.schedule().next(age, next == JobStatus.QUEUED, position)));
    }

    private void afterResult(Tracked t, ResultResponse result, Throwable error) {
        if (!accept(t, error)) {
            return;
        }
        Job job = t.job;
        switch (result.status()) {
            case FAILED -> finish(t, JobStatus.FAILED, result.error(), failureMessage(result));
            case CANCELLED -> finish(t, JobStatus.CANCELLED, null, "cancelled");
            case IN_QUEUE, IN_PROGRESS -> schedule(t, settings.schedule().running());
            default -> {
                // COMPLETED / SUCCEEDED / UNKNOWN-with-outputs: save the outputs.
                if (result.status() == RemoteStatus.UNKNOWN && result.outputs().isEmpty()
                        && result.texts().isEmpty()) {
                    schedule(t, settings.schedule().running());
                    return;
                }
                List<JobOutput> planned = planOutputs(job, result);
                store.saveOutputs(job.id(), planned);
                Job downloading = store.updateStatus(job.id(), JobStatus.DOWNLOADING, null, result.instanceId(),
                        planned.size() + " output(s)", now());
                // Untracked only once stored: if a write fails, guarded() polls the job again later.
                untrack(job.id());
                publish(new JobEvent.StatusChanged(downloading, job.status()));
                startDownloads(downloading);
            }
        }
    }

    private void finish(Tracked t, JobStatus status, com.fasterxml.jackson.databind.JsonNode error, String message) {
        Job done = error == null && status != JobStatus.FAILED
                ? store.updateStatus(t.jobId, status, null, null, message, now())
                : store.recordError(t.jobId, status, error, message, now());
        untrack(t.jobId);   // only once stored (see afterResult)
        publish(new JobEvent.StatusChanged(done, t.job.status()));
    }

    private static String failureMessage(ResultResponse result) {
        String m = result.errorMessage();
        return m == null ? "The run failed on the server (no details given)" : m;
    }

    private void pollFailed(Tracked t, ApiException e) {
        int status = e.httpStatus();
        if (status == 404) {
            if (++t.notFound >= NOT_FOUND_LIMIT) {
                finish(t, JobStatus.FAILED, errorJson(e), "The server no longer knows this request (404): it may "
                        + "have been deleted or belong to another deployment");
                return;
            }
            schedule(t, settings.schedule().running());
            return;
        }
        OriginState origin = origin(t);
        t.failures++;
        if (t.failingSince == null) {
            t.failingSince = now();
            t.goodAnswersBeforeFailing = origin.goodAnswers;
        }
        LOG.debug("poll of job {} failed: {}", t.jobId, e.userMessage());
        if (countsAgainstConnection(t, origin, e)) {
            origin.failures++;
            if (!origin.offline) {
                origin.offline = true;
                publish(new JobEvent.ConnectionChanged(origin.origin, false, e.userMessage()));
            }
            schedule(t, settings.schedule().offline(Math.max(t.failures, origin.failures)));
            return;
        }
        // This job's own trouble: its target or token (e.g. a profile whose token was removed), or bad answers about
        // it while the server answers the others (until another job shows that, it may yet be the server's). Say
        // so once, keep the job, ask again less and less often; bad answers give up on it after many in a row (a
        // token is never given up on: it may be fixed).
        boolean requestError = isRequestError(status);
        if (requestError || origin.goodAnswers > t.goodAnswersBeforeFailing) {
            if (!requestError && ++t.badAnswers >= BAD_ANSWER_LIMIT) {
                finish(t, JobStatus.FAILED, errorJson(e), "The server kept giving bad answers about this job while "
                        + "it answered the others (last: " + e.userMessage() + "); check the job on the RunComfy "
                        + "dashboard");
                return;
            }
            if (!t.troubleReported) {
                t.troubleReported = true;
                publish(new JobEvent.ActionFailed(t.job, "poll", e));
            }
        }
        schedule(t, settings.schedule().offline(t.failures));
    }

    /**
     * Whether a failed call tells about the server rather than this job: no answer at all, the account's rate limit,
     * or a bad answer (5xx, a redirect, an unreadable body, an error in a 200) that is every job's. A bad answer is
     * the job's own once the server answered another job since this one's trouble began; before that it counts when
     * another job got one too since the last good answer (it is noted here for that), or when there is no other job
     * to tell.
     */
    private boolean countsAgainstConnection(Tracked t, OriginState origin, ApiException e) {
        if (e.isNetworkError() || e.httpStatus() == 429) {
            return true;
        }
        if (isRequestError(e.httpStatus()) || origin.goodAnswers > t.goodAnswersBeforeFailing) {
            return false;
        }
        origin.badAnswerJobs.add(t.jobId);
        return origin.badAnswerJobs.size() > 1
                || tracked.values().stream().noneMatch(other -> other != t && other.origin.equals(t.origin));
    }

    /** A 4xx about the request or its token (not 408 or 429, which say the server is busy). */
    private static boolean isRequestError(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    private void reachedServer(Tracked t) {
        t.failures = 0;
        t.notFound = 0;
        t.badAnswers = 0;
        t.troubleReported = false;
        t.failingSince = null;
        OriginState origin = origin(t);
        origin.failures = 0;
        origin.goodAnswers++;
        origin.badAnswerJobs.clear();
        if (origin.offline) {
            origin.offline = false;
            publish(new JobEvent.ConnectionChanged(origin.origin, true, "Connected"));
        }
    }

    private OriginState origin(Tracked t) {
        return origins.computeIfAbsent(t.origin, OriginState::new);
    }

    /**
     * Since when the job has failed, without a break, to reach its server (status or result calls) or to download
     * its outputs; empty while things work. The command line gives up on a job after a while of this; the job
     * itself is kept and goes on being tried.
     */
    public CompletableFuture<java.util.Optional<Instant>> failingSince(long jobId) {
        return onEngine(() -> {
            Tracked t = tracked.get(jobId);
            Instant polling = t == null ? null : t.failingSince;
            DownloadTrouble trouble = downloadTrouble.get(jobId);
            Instant downloading = trouble == null ? null : trouble.since();
            if (polling == null || downloading != null && downloading.isBefore(polling)) {
                return java.util.Optional.ofNullable(downloading);
            }
            return java.util.Optional.of(polling);
        });
    }

    private static Duration jitter(Duration d) {
        // Up to -10 % so polls of jobs submitted together spread out without ever exceeding the interval.
        long ms = d.toMillis();
        return Duration.ofMillis(ms - (long) (ms * 0.1 * java.util.concurrent.ThreadLocalRandom.current()
                .nextDouble()));
    }

    // ---- downloads ----------------------------------------------------------------------------------------------

    private List<JobOutput> planOutputs(Job job, ResultResponse result) {
        List<OutputFile> files = result.outputs();
        Path folder = job.outputDir() != null ? job.outputDir()
                : OutputPaths.requestFolder(settings.outputRoot(), job.requestId());
        Set<String> taken = new HashSet<>();
        List<JobOutput> planned = new ArrayList<>();
        // The same result read again (a crash between planning and downloading) keeps its paths: planning anew
        // would step around the files already saved there and save them a second time as name_1.png.
        Map<Integer, JobOutput> before = new HashMap<>();
        for (JobOutput o : job.outputs()) {
            before.put(o.index(), o);
        }
        for (int i = 0; i < files.size(); i++) {
            OutputFile f = files.get(i);
            JobOutput earlier = before.get(i);
            Path path;
            if (earlier != null && earlier.localPath() != null && Objects.equals(earlier.url(), f.url())) {
                path = earlier.localPath();
                taken.add(path.toString().toLowerCase(java.util.Locale.ROOT));
            } else {
                path = OutputPaths.plan(folder, f.subfolder(), f.filename(), f.url(), i, taken);
            }
            planned.add(new JobOutput(i, f.nodeId(), f.kind(), f.url(), f.filename(), f.subfolder(), path, 0,
                    OutputState.PENDING, null));
        }
        planned.addAll(TextOutputs.save(folder, result.texts(), files.size(), taken));
        return planned;
    }

    private void startDownloads(Job job) {
        List<JobOutput> pending = new ArrayList<>();
        boolean unrecorded = false;
        for (JobOutput o : job.outputs()) {
            if (o.state() != OutputState.PENDING) {
                continue;
            }
            Long size = completeFileSize(o.localPath());
            if (size == null) {
                pending.add(o);
                continue;
            }
            // Only a complete download is ever moved to its planned path (it is written to a .part file first),
            // so a file there was saved by an earlier round or process that stopped before recording it.
            try {
                recordOutput(job.id(), o.withState(OutputState.SAVED, size, null));
            } catch (JobStoreException e) {
                LOG.warn("Recording output {} of job {} failed: {}", o.index(), job.id(), e.getMessage());
                unrecorded = true;
            }
        }
        if (pending.isEmpty() && unrecorded) {
            downloadAgainLater(job.id(), 1);
            return;
        }
        if (pending.isEmpty()) {
            completeDownloads(job.id());
            return;
        }
        downloadsLeft.put(job.id(), pending.size());
        boolean hostingPeriodOver = job.createdAt().plus(OutputDownloader.HOSTING_PERIOD).isBefore(now());
        boolean apiOnLoopback = ApiEndpoint.isLoopbackHost(job.target().baseUrl().getHost());
        for (JobOutput output : pending) {
            downloads.execute(() -> {
                OutputDownloader.Result r;
                try {
                    r = closed ? null : downloader.download(output.url(), output.localPath(), hostingPeriodOver,
                            apiOnLoopback);
                } catch (RuntimeException e) {
                    LOG.warn("Saving {} failed", output.localPath(), e);
                    r = new OutputDownloader.Result(OutputState.FAILED, 0, "could not save the file (details are "
                            + "in the log)", false);
                }
                OutputDownloader.Result outcome = r;
                if (outcome != null) {
                    onEngine(() -> {
                        downloaded(job.id(), output, outcome);
                        return null;
                    });
                }
            });
        }
    }

    private void downloaded(long jobId, JobOutput output, OutputDownloader.Result r) {
        if (closed || !leased.contains(jobId)) {
            return;   // taken over meanwhile: the new holder finds the saved file and records it
        }
        try {
            recordOutput(jobId, output.withState(r.state(), r.bytes(), r.error()));
        } catch (JobStoreException e) {
            // Not recorded, so still PENDING in the store: the end of this round schedules it again.
            LOG.warn("Recording output {} of job {} failed: {}", output.index(), jobId, e.getMessage());
        }
        int left = downloadsLeft.merge(jobId, -1, Integer::sum);
        if (left <= 0) {
            downloadsLeft.remove(jobId);
            completeDownloads(jobId);
        }
    }

    private void recordOutput(long jobId, JobOutput updated) {
        Job job = store.find(jobId).orElse(null);
        if (job == null) {
            return;   // forgotten meanwhile
        }
        store.updateOutput(jobId, updated);
        if (updated.state() == OutputState.SAVED) {
            downloadTrouble.remove(jobId);   // the host works: the next failed round waits the shortest time
        }
        List<JobOutput> outputs = new ArrayList<>(job.outputs());
        outputs.replaceAll(o -> o.index() == updated.index() ? updated : o);
        publish(new JobEvent.OutputSaved(new Job(job.id(), job.requestId(), job.target(), job.mode(),
                job.requestJson(), job.editsJson(), job.workflowSource(), job.promptSnippet(), job.status(),
                job.queuePosition(), job.instanceId(), job.errorJson(), job.errorMessage(), job.createdAt(),
                job.updatedAt(), job.finishedAt(), job.outputDir(), job.history(), outputs), updated));
    }

    private void completeDownloads(long jobId) {
        Job job = store.find(jobId).orElse(null);
        if (job == null) {
            return;
        }
        List<JobOutput> outs = job.outputs();
        if (outs.stream().anyMatch(o -> o.state() == OutputState.PENDING)) {
            // The network dropped: try the missing files again later, the job stays DOWNLOADING.
            DownloadTrouble trouble = downloadTrouble.merge(jobId, new DownloadTrouble(now(), 1),
                    (earlier, next) -> new DownloadTrouble(earlier.since(), earlier.failedRounds() + 1));
            downloadAgainLater(jobId, trouble.failedRounds());
            return;
        }
        downloadTrouble.remove(jobId);
        JobStatus status;
        String message = null;
        if (outs.stream().anyMatch(o -> o.state() == OutputState.FAILED)) {
            status = JobStatus.FAILED;
            message = "Could not save " + outs.stream().filter(o -> o.state() == OutputState.FAILED)
                    .map(o -> o.localPath().getFileName() + " (" + o.error() + ")").findFirst().orElse("an output");
        } else if (outs.stream().anyMatch(o -> o.state() == OutputState.EXPIRED)) {
            status = JobStatus.OUTPUTS_EXPIRED;
            message = "Some outputs had expired on the server before they could be saved";
        } else {
            status = JobStatus.SUCCEEDED;
        }
        // Also clears the message of an earlier, retried attempt when everything is saved now.
        Job done;
        try {
            done = store.recordError(jobId, status, null, message, now());
        } catch (JobStoreException e) {
            // With nothing left to download, the next round only writes the end again.
            LOG.warn("Recording the end of job {} failed, trying again later: {}", jobId, e.getMessage());
            downloadAgainLater(jobId, 1);
            return;
        }
        publish(new JobEvent.StatusChanged(done, job.status()));
    }

    /** Another round of {@link #startDownloads} for the job's PENDING outputs, if it is still DOWNLOADING then. */
    private void downloadAgainLater(long jobId, int failures) {
        engine.schedule(() -> {
            if (!closed && leased.contains(jobId)) {
                store.find(jobId).filter(j -> j.status() == JobStatus.DOWNLOADING).ifPresent(this::startDownloads);
            }
        }, settings.schedule().offline(Math.max(1, failures)).toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Long completeFileSize(Path path) {
        try {
            return path != null && Files.isRegularFile(path) ? Files.size(path) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void cleanPartFiles(Job job) {
        if (job.outputDir() == null || !Files.isDirectory(job.outputDir())) {
            return;
        }
        try (Stream<Path> files = Files.walk(job.outputDir())) {
            files.filter(p -> p.getFileName().toString().endsWith(".part")).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Harmless leftover.
                }
            });
        } catch (IOException ignored) {
            // Harmless leftovers.
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private RunComfyClient client(JobTarget target) {
        return clients.computeIfAbsent(target, clientFactory::clientFor);
    }

    private Job requireJob(long jobId) {
        return store.find(jobId).orElseThrow(() -> new IllegalArgumentException("No job with id " + jobId));
    }

    private Job current(Job job) {
        return store.find(job.id()).orElse(job);
    }

    private Instant now() {
        return settings.clock().instant();
    }

    private void publish(JobEvent event) {
        unfinished.onJobEvent(event);
        for (JobListener l : listeners) {
            try {
                l.onJobEvent(event);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // Even an Error (say, a class missing from a packaged runtime) must not stop the other listeners
                // or leave the engine's bookkeeping half done.
                LOG.warn("A job listener failed: {}", e.toString());
            }
        }
    }

    private <T> CompletableFuture<T> onEngine(java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            engine.execute(() -> {
                try {
                    f.complete(work.call());
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException("The job engine is closed"));
        }
        return f;
    }

    static ApiException apiException(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof ApiException e) {
            return e;
        }
        LOG.warn("Unexpected failure", c);
        return ApiException.network("an unexpected problem occurred (details are in the log)", c);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode errorJson(ApiException e) {
        var node = ApiJson.object();
        if (e.httpStatus() > 0) {
            node.put("http_status", e.httpStatus());
        }
        if (e.errorCode() != null) {
            node.put("error_code", e.errorCode());
        }
        node.put("message", e.userMessage());
        if (e.detail() != null) {
            node.set("detail", e.detail());
        }
        return node;
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops like a crash: threads and connections go, the store is left exactly as it was. For tests. */
    void halt() {
        closed = true;
        engine.shutdownNow();
        downloads.shutdownNow();
        downloader.close();
        clients.values().forEach(RunComfyClient::close);
    }

    /** Stops polling and downloading; unfinished jobs resume on the next {@link #start()}. The store stays open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.shutdown();
        downloads.shutdownNow();
        // Aborts the connections of running downloads: a thread blocked reading a slow host ignores the interrupt.
        downloader.close();
        try {
            engine.awaitTermination(5, TimeUnit.SECONDS);
            downloads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.values().forEach(RunComfyClient::close);
        clients.clear();
        // The engine thread has stopped, so nothing renews these any more: let a resume nearby take them at once
        // instead of after the lease runs out.
        for (Long id : new ArrayList<>(leased)) {
            try {
                store.release(id, owner);
            } catch (JobStoreException e) {
                LOG.debug("Releasing job {} failed (its lease runs out by itself): {}", id, e.getMessage());
            }
        }
    }
}
