package app.comfydesk.jobs;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiException;
import app.comfydesk.api.RemoteStatus;
import app.comfydesk.api.ResultResponse;
import app.comfydesk.api.RunComfyClient;
import app.comfydesk.api.StatusResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single adaptive poller (engine thread only): asks the server about every followed job when it is due (status,
 * then the result once finished), stores what changed, hands finished jobs to the {@link DownloadCoordinator}, and
 * backs off per job and per origin ({@link OriginHealth}) when calls fail. Due times are on the injected ticker.
 */
final class JobPoller {

    private static final Logger LOG = LoggerFactory.getLogger(JobPoller.class);
    private static final int NOT_FOUND_LIMIT = 3;
    /** Bad answers in a row about one job, while the server answers others, before the job is given up. */
    private static final int BAD_ANSWER_LIMIT = 10;

    private final JobStore store;
    private final EngineSettings settings;
    private final EngineLoop loop;
    private final Function<JobTarget, RunComfyClient> clients;
    private final DownloadCoordinator downloads;
    private final OriginHealth origins;
    private final Map<Long, Tracked> tracked = new HashMap<>();
    private final PriorityQueue<Tracked> due = new PriorityQueue<>((a, b) -> Long.compare(a.dueAt, b.dueAt));
    private int inFlight;

    /** Per-job poll state. */
    private static final class Tracked {
        final long jobId;
        final String origin;
        Job job;
        Instant failingSince;
        /** The origin's good answers when this job's failures began. */
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

    JobPoller(JobStore store, EngineSettings settings, EngineLoop loop, Function<JobTarget, RunComfyClient> clients,
              DownloadCoordinator downloads) {
        this.store = store;
        this.settings = settings;
        this.loop = loop;
        this.clients = clients;
        this.downloads = downloads;
        this.origins = new OriginHealth(loop::publish);
    }

    /** Follows the job, first asking after {@code delay}. */
    void track(Job job, Duration delay) {
        Tracked t = tracked.computeIfAbsent(job.id(), id -> new Tracked(job));
        t.job = job;
        schedule(t, delay);
    }

    void untrack(long jobId) {
        Tracked t = tracked.remove(jobId);
        if (t != null) {
            due.remove(t);
        }
    }

    /** Asks about the job at the next tick, unless a call about it is out. */
    void pollSoon(long jobId) {
        Tracked t = tracked.get(jobId);
        if (t != null && !t.busy) {
            schedule(t, Duration.ZERO);
        }
    }

    /** Since when calls about the job have failed without a break; empty while they work or it is not polled. */
    Optional<Instant> failingSince(long jobId) {
        Tracked t = tracked.get(jobId);
        return Optional.ofNullable(t == null ? null : t.failingSince);
    }

    /** How long until the job's next call is due on the ticker; empty while a call is out or it is not polled. */
    Optional<Duration> dueIn(long jobId) {
        Tracked t = tracked.get(jobId);
        return t == null || !t.queuedForPoll ? Optional.empty()
                : Optional.of(Duration.ofNanos(t.dueAt - loop.nanoTime()));
    }

    private void schedule(Tracked t, Duration delay) {
        if (t.queuedForPoll) {
            due.remove(t);
        }
        t.dueAt = loop.nanoTime() + delay.toNanos();
        t.queuedForPoll = true;
        due.add(t);
    }

    /** Sends the calls that are due, up to the in-flight limit; one probe at a time to an origin that is down. */
    void pollDue() {
        long nowNanos = loop.nanoTime();
        List<Tracked> held = null;
        while (inFlight < settings.maxConcurrentPolls() && !due.isEmpty() && due.peek().dueAt <= nowNanos) {
            Tracked t = due.poll();
            t.queuedForPoll = false;
            if (tracked.get(t.jobId) != t) {
                continue;
            }
            if (origins.probing(t.origin)) {
                // The others wait for the probe's answer.
                (held == null ? held = new ArrayList<>() : held).add(t);
                continue;
            }
            poll(t);
        }
        if (held != null) {
            for (Tracked t : held) {
                schedule(t, settings.schedule().offline(origins.failures(t.origin)));
            }
        }
    }

    private void poll(Tracked t) {
        Job job = t.job;
        RunComfyClient client;
        try {
            client = clients.apply(job.target());
        } catch (RuntimeException e) {
            // E.g. the profile's token is gone: keep the job, try again later.
            LOG.warn("No client for job {}: {}", t.jobId, e.getMessage());
            schedule(t, settings.schedule().offlineCap());
            return;
        }
        if (job.status() == JobStatus.DOWNLOADING) {
            fetchResult(t, client);
        } else {
            sent(t);
            client.status(job.requestId()).whenCompleteAsync((s, e) -> guarded(t, () -> afterStatus(t, s, e)),
                    loop.executor());
        }
    }

    private void fetchResult(Tracked t, RunComfyClient client) {
        sent(t);
        client.result(t.job.requestId()).whenCompleteAsync((r, e) -> guarded(t, () -> afterResult(t, r, e)),
                loop.executor());
    }

    private void sent(Tracked t) {
        t.busy = true;
        inFlight++;
        origins.sent(t.origin);
    }

    /** Runs an answer handler; if it fails (e.g. the database is locked), the job is polled again later. */
    private void guarded(Tracked t, Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            LOG.warn("Handling the answer for job {} failed: {}", t.jobId, e.getMessage());
            t.busy = false;
            if (tracked.get(t.jobId) == t && !loop.closed()) {
                schedule(t, settings.schedule().offline(++t.failures));
            }
        }
    }

    /** Bookkeeping shared by every answer; false when it is stale or a failure (handled here). */
    private boolean accept(Tracked t, Throwable error) {
        inFlight--;
        origins.answered(t.origin);
        t.busy = false;
        if (tracked.get(t.jobId) != t || loop.closed()) {
            return false;
        }
        if (error != null) {
            pollFailed(t, EngineErrors.apiException(error));
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
            fetchResult(t, clients.apply(job.target()));
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
            Instant at = loop.now();
            store.updateQueuePosition(job.id(), position, at);
            t.job = job.withQueuePosition(position, at);
            loop.publish(new JobEvent.StatusChanged(t.job, job.status()));
        } else if (next != job.status() || !Objects.equals(position, job.queuePosition()) || instanceChanged) {
            // Queue position and instance are stored as structured history by the store, not as a note.
            Job updated = store.updateStatus(job.id(), next, position, status.instanceId(), null, loop.now());
            t.job = updated;
            loop.publish(new JobEvent.StatusChanged(updated, job.status()));
        }
        Duration age = Duration.between(job.createdAt(), loop.now());
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
                List<JobOutput> planned = downloads.plan(job, result);
                store.saveOutputs(job.id(), planned);
                Job downloading = store.updateStatus(job.id(), JobStatus.DOWNLOADING, null, result.instanceId(),
                        planned.size() + " output(s)", loop.now());
                // Untracked only once stored: if a write fails, guarded() polls the job again later.
                untrack(job.id());
                loop.publish(new JobEvent.StatusChanged(downloading, job.status()));
                downloads.start(downloading);
            }
        }
    }

    private void finish(Tracked t, JobStatus status, JsonNode error, String message) {
        Job done = error == null && status != JobStatus.FAILED
                ? store.updateStatus(t.jobId, status, null, null, message, loop.now())
                : store.recordError(t.jobId, status, error, message, loop.now());
        untrack(t.jobId);   // only once stored (see afterResult)
        loop.publish(new JobEvent.StatusChanged(done, t.job.status()));
    }

    private static String failureMessage(ResultResponse result) {
        String m = result.errorMessage();
        return m == null ? "The run failed on the server (no details given)" : m;
    }

    private void pollFailed(Tracked t, ApiException e) {
        int status = e.httpStatus();
        if (status == 404) {
            if (++t.notFound >= NOT_FOUND_LIMIT) {
                finish(t, JobStatus.FAILED, EngineErrors.errorJson(e), "The server no longer knows this request "
                        + "(404): it may have been deleted or belong to another deployment");
                return;
            }
            schedule(t, settings.schedule().running());
            return;
        }
        t.failures++;
        if (t.failingSince == null) {
            t.failingSince = loop.now();
            t.goodAnswersBeforeFailing = origins.goodAnswers(t.origin);
        }
        LOG.debug("poll of job {} failed: {}", t.jobId, e.userMessage());
        if (origins.countsAgainstConnection(t.origin, t.jobId, t.goodAnswersBeforeFailing, e,
                () -> tracked.values().stream().anyMatch(other -> other != t && other.origin.equals(t.origin)))) {
            schedule(t, settings.schedule().offline(Math.max(t.failures, origins.failures(t.origin))));
            return;
        }
        // This job's own trouble: its target or token (e.g. a profile whose token was removed), or bad answers about
        // it while the server answers the others (until another job shows that, it may yet be the server's). Say
        // so once, keep the job, ask again less and less often; bad answers give up on it after many in a row (a
        // token is never given up on: it may be fixed).
        boolean requestError = OriginHealth.isRequestError(status);
        if (requestError || origins.goodAnswers(t.origin) > t.goodAnswersBeforeFailing) {
            if (!requestError && ++t.badAnswers >= BAD_ANSWER_LIMIT) {
                finish(t, JobStatus.FAILED, EngineErrors.errorJson(e), "The server kept giving bad answers about "
                        + "this job while it answered the others (last: " + e.userMessage() + "); check the job on "
                        + "the RunComfy dashboard");
                return;
            }
            if (!t.troubleReported) {
                t.troubleReported = true;
                loop.publish(new JobEvent.ActionFailed(t.job, "poll", e));
            }
        }
        schedule(t, settings.schedule().offline(t.failures));
    }

    private void reachedServer(Tracked t) {
        t.failures = 0;
        t.notFound = 0;
        t.badAnswers = 0;
        t.troubleReported = false;
        t.failingSince = null;
        origins.reached(t.origin);
    }

    private static Duration jitter(Duration d) {
        // Up to -10 % so polls of jobs submitted together spread out without ever exceeding the interval.
        long ms = d.toMillis();
        return Duration.ofMillis(ms - (long) (ms * 0.1 * ThreadLocalRandom.current().nextDouble()));
    }
}
