package app.comfydesk.jobs;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.CancelOutcome;
import app.comfydesk.api.RunComfyClient;
import app.comfydesk.api.SubmitRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits jobs, polls every unfinished one with a single adaptive poller, downloads outputs, and publishes events.
 * This class is the facade; the work is done by {@link EngineLoop} (the engine thread and publishing),
 * {@link JobPoller} (with {@link OriginHealth}), {@link DownloadCoordinator}, {@link JobLeases} and
 * {@link JobCommands}.
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
    private final Map<JobTarget, RunComfyClient> clients = new ConcurrentHashMap<>();
    private final EngineLoop loop;
    private final DownloadCoordinator downloads;
    private final JobPoller poller;
    private final JobLeases leases;
    private final JobCommands commands;
    private boolean started;

    public JobEngine(JobStore store, ClientFactory clientFactory, EngineSettings settings) {
        this(store, clientFactory, settings, EngineScheduler.system());
    }

    /** With the engine thread and poll ticker of {@code scheduler} (tests move the ticker to make polls due). */
    public JobEngine(JobStore store, ClientFactory clientFactory, EngineSettings settings, EngineScheduler scheduler) {
        this.store = Objects.requireNonNull(store, "store");
        this.clientFactory = Objects.requireNonNull(clientFactory, "clientFactory");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.loop = new EngineLoop(Objects.requireNonNull(scheduler, "scheduler"), settings.clock());
        this.leases = new JobLeases(store, loop, this::resume, this::lost);
        this.downloads = new DownloadCoordinator(store, settings, loop, leases::holds);
        this.poller = new JobPoller(store, settings, loop, this::client, downloads);
        this.commands = new JobCommands(store, settings, loop, this::client, leases, poller, downloads);
    }

    public JobStore store() {
        return store;
    }

    /**
     * The jobs this engine follows that have not finished (resumed at start or submitted since), as one snapshot:
     * what the quit warning and the job monitor's status bar both count. Any thread; does not block.
     */
    public UnfinishedSnapshot unfinished() {
        return loop.unfinished().current();
    }

    /** The jobs of {@link #unfinished()}. */
    public List<Job> unfinishedJobs() {
        return unfinished().jobs();
    }

    /**
     * Told each new {@link #unfinished()} snapshot, on the engine thread: after every event about a job (before the
     * event's listeners hear it) and when resumed jobs join without an event.
     */
    public void watchUnfinished(Consumer<UnfinishedSnapshot> watcher) {
        loop.unfinished().watch(Objects.requireNonNull(watcher, "watcher"));
    }

    public void addListener(JobListener listener) {
        loop.addListener(listener);
    }

    public void removeListener(JobListener listener) {
        loop.removeListener(listener);
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
    public CompletableFuture<Void> start(Predicate<Job> resumeWhich) {
        return loop.call(() -> {
            if (started) {
                return null;
            }
            started = true;
            leases.start(resumeWhich);
            // The tick bounds the added latency to a quarter of the running interval (100 ms by default).
            long tick = Math.max(5, Math.min(MAX_TICK_MILLIS, settings.schedule().running().toMillis() / 4));
            loop.every(this::tick, tick);
            return null;
        });
    }

    /** Test hook: how long until the job's next poll is due on the ticker (empty while a call is out). */
    CompletableFuture<Optional<Duration>> nextPollIn(long jobId) {
        return loop.call(() -> poller.dueIn(jobId));
    }

    /** Runs a heartbeat now, whatever the clock says (tests move the clock, then wait for this). */
    CompletableFuture<Void> beat() {
        return loop.call(() -> {
            leases.heartbeat();
            return null;
        });
    }

    /** Jobs the engine would follow but another live process does (e.g. a {@code run} beside a resume). */
    public CompletableFuture<Set<Long>> followedElsewhere() {
        return loop.call(leases::elsewhere);
    }

    /** This process's name in the job database's leases. */
    public String owner() {
        return leases.owner();
    }

    /**
     * Records the job, sends it, and starts polling it. Completes with the job once the server accepted it; fails
     * with the {@link ApiException} otherwise (the job stays in the store as FAILED or SUBMISSION_UNCERTAIN, and a
     * {@link JobEvent.SubmitFailed} is published).
     */
    public CompletableFuture<Job> submit(JobSubmission submission) {
        return commands.submit(submission);
    }

    /**
     * Submits a stored job again as a new job: the same request (rebuilt from the stored, redacted body), edits,
     * workflow name and prompt snippet. {@code withSecrets} adds the profile's secrets (given its id) on the engine
     * thread; the store never had them. Fails with {@link IllegalStateException} when the job is gone, has no stored
     * request, or sent an inline image too large to keep.
     */
    public CompletableFuture<Job> rerun(long jobId, BiFunction<String, SubmitRequest, SubmitRequest> withSecrets) {
        return loop.call(() -> StoredRequests.rerunOf(store.find(jobId).orElseThrow(() -> new IllegalStateException(
                "Job #" + jobId + " is no longer in the history")), withSecrets)).thenCompose(commands::submit);
    }

    /**
     * For a SUBMISSION_UNCERTAIN job the user found on the dashboard: attach its request id and track it.
     */
    public CompletableFuture<Job> attachRequestId(long jobId, String requestId) {
        return commands.attachRequestId(jobId, requestId);
    }

    /**
     * Asks the server to cancel. Completes with the outcome (also published as {@link JobEvent.CancelResult}):
     * CANCELLED marks the job cancelled, CANCELLATION_REQUESTED keeps polling until the server confirms,
     * NOT_CANCELLABLE means it finished or is finishing. A job seen to finish while the cancel was on its way stays
     * as it finished, whatever the answer (NOT_CANCELLABLE). Fails with {@link ApiException} (and
     * {@link JobEvent.ActionFailed}) when the call fails.
     */
    public CompletableFuture<CancelOutcome> cancel(long jobId) {
        return commands.cancel(jobId);
    }

    /**
     * Purges the job's inputs and outputs on the server (local files stay). Completes with the number of objects
     * removed; a job still running fails with a 409 {@link ApiException} whose message says to cancel first or wait.
     */
    public CompletableFuture<Integer> deleteRemote(long jobId) {
        return commands.deleteRemote(jobId);
    }

    /** Removes the job from the local history (files on disk and the server copy are untouched). */
    public CompletableFuture<Boolean> forget(long jobId) {
        return commands.forget(jobId);
    }

    /**
     * Tries again to save the outputs of a finished job whose downloads failed or expired (the host may be back).
     * Completes with the job, now DOWNLOADING; fails with {@link IllegalStateException} if nothing can be retried.
     */
    public CompletableFuture<Job> retryDownloads(long jobId) {
        return commands.retryDownloads(jobId);
    }

    /** Polls the job at the next tick (e.g. the user pressed refresh). */
    public void refresh(long jobId) {
        loop.call(() -> {
            poller.pollSoon(jobId);
            return null;
        });
    }

    /**
     * Since when the job has failed, without a break, to reach its server (status or result calls) or to download
     * its outputs; empty while things work. The command line gives up on a job after a while of this; the job
     * itself is kept and goes on being tried.
     */
    public CompletableFuture<Optional<Instant>> failingSince(long jobId) {
        return loop.call(() -> {
            Instant polling = poller.failingSince(jobId).orElse(null);
            Instant downloading = downloads.troubleSince(jobId).orElse(null);
            if (polling == null || downloading != null && downloading.isBefore(polling)) {
                return Optional.ofNullable(downloading);
            }
            return Optional.of(polling);
        });
    }

    // ---- wiring (engine thread) ---------------------------------------------------------------------------------

    /** Follows a job this engine has just taken from the store (at start, or from a vanished holder). */
    private void resume(Job job) {
        switch (job.status()) {
            case SUBMITTING -> {
                Job j = store.recordError(job.id(), JobStatus.SUBMISSION_UNCERTAIN, null,
                        "ComfyDesk stopped while sending this job; it may or may not have been accepted — check the "
                                + "RunComfy dashboard before submitting again", loop.now());
                loop.publish(new JobEvent.StatusChanged(j, job.status()));
            }
            case QUEUED, RUNNING -> poller.track(job, settings.schedule().firstPoll());
            case DOWNLOADING -> {
                DownloadCoordinator.cleanPartFiles(job);
                if (job.outputs().isEmpty()) {
                    poller.track(job, Duration.ZERO);
                } else {
                    downloads.start(job);
                }
            }
            default -> {
                // SUBMISSION_UNCERTAIN waits for the user; terminal states are not returned by unfinished().
            }
        }
    }

    /** Stops following a job whose lease went (it ended, or another process took it over and saves its outputs). */
    private void lost(long jobId) {
        poller.untrack(jobId);
        downloads.drop(jobId);
    }

    private void tick() {
        try {
            if (leases.heartbeatDue()) {
                leases.heartbeat();
            }
        } catch (RuntimeException e) {
            // E.g. the database locked past its busy timeout: the leases have LEASE - HEARTBEAT to spare.
            LOG.warn("Renewing the job leases failed: {}", e.getMessage());
        }
        try {
            poller.pollDue();
        } catch (RuntimeException e) {
            LOG.error("Poller tick failed: {}", e.toString());
        }
    }

    private RunComfyClient client(JobTarget target) {
        return clients.computeIfAbsent(target, clientFactory::clientFor);
    }

    /** Stops like a crash: threads and connections go, the store is left exactly as it was. For tests. */
    void halt() {
        loop.shutdownNow();
        downloads.stop();
        clients.values().forEach(RunComfyClient::close);
    }

    /** Stops polling and downloading; unfinished jobs resume on the next {@link #start()}. The store stays open. */
    @Override
    public void close() {
        if (loop.closed()) {
            return;
        }
        loop.shutdown();
        downloads.stop();
        try {
            loop.awaitTermination();
            downloads.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.values().forEach(RunComfyClient::close);
        clients.clear();
        // The engine thread has stopped, so nothing renews these any more: let a resume nearby take them at once
        // instead of after the lease runs out.
        leases.releaseAll();
    }
}
