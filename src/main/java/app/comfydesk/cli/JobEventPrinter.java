package app.comfydesk.cli;

import app.comfydesk.api.ApiJson;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobEvent;
import app.comfydesk.jobs.JobListener;
import app.comfydesk.jobs.JobOutput;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.OutputState;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Prints the events of the jobs a command follows as one JSON object per line on stdout (problems also as a
 * human line on stderr), and waits until they end or until they have failed to reach their server for longer than
 * the give-up deadline.
 */
final class JobEventPrinter implements JobListener {

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<Long, CompletableFuture<Job>> followed = new LinkedHashMap<>();
    private final List<JobEvent> early = new ArrayList<>();
    private final Map<Long, JobStatus> lastStatus = new HashMap<>();
    private final Map<Long, Integer> lastPosition = new HashMap<>();
    private final Map<Long, ObjectNode> extras = new HashMap<>();
    private volatile String lastProblem;

    JobEventPrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Starts printing the job's events, including those that arrived before its id was known. */
    synchronized CompletableFuture<Job> follow(long jobId) {
        return follow(jobId, null);
    }

    /**
     * As {@link #follow(long)}, adding {@code extra}'s fields (e.g. a sweep's {@code "cell"}) to every line about
     * the job. Early events of other jobs stay buffered until those are followed.
     */
    synchronized CompletableFuture<Job> follow(long jobId, ObjectNode extra) {
        CompletableFuture<Job> done = followed.computeIfAbsent(jobId, id -> new CompletableFuture<>());
        if (extra != null) {
            extras.put(jobId, extra.deepCopy());
        }
        List<JobEvent> replay = new ArrayList<>();
        early.removeIf(event -> event.job().id() == jobId && replay.add(event));
        replay.forEach(this::print);
        return done;
    }

    @Override
    public synchronized void onJobEvent(JobEvent event) {
        if (event instanceof JobEvent.ConnectionChanged changed) {
            connection(changed);
            return;
        }
        if (event.job() == null) {
            return;
        }
        if (!followed.containsKey(event.job().id())) {
            early.add(event);
            return;
        }
        print(event);
    }

    private void connection(JobEvent.ConnectionChanged changed) {
        ObjectNode line = ApiJson.object().put("event", "connection").put("origin", changed.origin())
                .put("online", changed.online()).put("message", changed.message());
        CliContext.line(out, ApiJson.write(line));
        if (changed.online()) {
            err.println("info: reached " + changed.origin() + " again");
        } else {
            lastProblem = changed.message();
            err.println("warning: cannot reach " + changed.origin() + ": " + changed.message() + "; still trying");
        }
        err.flush();
    }

    private void print(JobEvent event) {
        Job job = event.job();
        CompletableFuture<Job> done = job == null ? null : followed.get(job.id());
        if (done == null) {
            return;
        }
        ObjectNode line = ApiJson.object();
        if (event instanceof JobEvent.Submitted) {
            line.put("event", "submitted").put("request_id", job.requestId()).put("job_id", job.id());
            emit(line, job);
            return;
        }
        if (event instanceof JobEvent.ActionFailed failed) {
            String message = failed.error().userMessage();
            lastProblem = message;
            line.put("event", "error").put("job_id", job.id()).put("action", failed.action()).put("message", message);
            if (failed.error().httpStatus() > 0) {
                line.put("http_status", failed.error().httpStatus());
            }
            emit(line, job);
            err.println("warning: " + failed.action() + " of job " + job.id() + " failed: " + message
                    + "; still trying");
            err.flush();
            return;
        }
        if (event instanceof JobEvent.OutputSaved saved) {
            JobOutput o = saved.output();
            line.put("event", o.state() == OutputState.SAVED ? "output" : "output_" + o.state().name()
                    .toLowerCase(Locale.ROOT)).put("node", o.nodeId()).put("path", String.valueOf(o.localPath()))
                    .put("bytes", o.bytes());
            if (o.error() != null) {
                line.put("error", o.error());
            }
            emit(line, job);
            return;
        }
        if (!(event instanceof JobEvent.StatusChanged) || job.status() == JobStatus.SUBMITTING) {
            return;
        }
        if (job.status().isTerminal() || job.status() == JobStatus.SUBMISSION_UNCERTAIN) {
            line.put("event", "finished").put("status", switch (job.status()) {
                case SUCCEEDED -> "succeeded";
                case CANCELLED -> "cancelled";
                case SUBMISSION_UNCERTAIN -> "uncertain";
                default -> "failed";
            });
            if (job.errorMessage() != null) {
                line.put("error", job.errorMessage());
            } else {
                line.putNull("error");
            }
            if (job.errorJson() != null) {
                line.set("detail", job.error());
            }
            emit(line, job);
            done.complete(job);
            return;
        }
        if (job.status() != lastStatus.get(job.id()) || !Objects.equals(job.queuePosition(),
                lastPosition.get(job.id()))) {
            lastStatus.put(job.id(), job.status());
            lastPosition.put(job.id(), job.queuePosition());
            line.put("event", "status").put("status", job.status().jsonName());
            if (job.queuePosition() != null) {
                line.put("queue_position", job.queuePosition());
            } else {
                line.putNull("queue_position");
            }
            emit(line, job);
        }
    }

    private void emit(ObjectNode line, Job job) {
        ObjectNode extra = extras.get(job.id());
        if (extra != null) {
            line.setAll(extra.deepCopy());
        }
        CliContext.line(out, ApiJson.write(line));
    }

    /**
     * Waits until every followed job has ended and returns them. Throws a {@link CliFailure} (exit 4) once a job has
     * failed to reach its server, without a break, for {@code giveUpAfter}; {@code howToCheck} words the way to
     * look the job up later.
     */
    List<Job> awaitAll(JobEngine engine, Duration giveUpAfter, Clock clock, Function<Job, String> howToCheck)
            throws InterruptedException, ExecutionException {
        Map<Long, CompletableFuture<Job>> jobs;
        synchronized (this) {
            jobs = new LinkedHashMap<>(followed);
        }
        long checkMillis = Math.max(20, Math.min(1000, giveUpAfter.toMillis() / 4));
        List<Job> ended = new ArrayList<>();
        for (Map.Entry<Long, CompletableFuture<Job>> e : jobs.entrySet()) {
            while (true) {
                try {
                    ended.add(e.getValue().get(checkMillis, TimeUnit.MILLISECONDS));
                    break;
                } catch (TimeoutException notYet) {
                    giveUpIfFailingTooLong(engine, jobs, giveUpAfter, clock, howToCheck);
                }
            }
        }
        return ended;
    }

    /** Throws as {@link #awaitAll} does once a followed, unfinished job has failed to reach its server too long. */
    void checkGiveUp(JobEngine engine, Duration giveUpAfter, Clock clock, Function<Job, String> howToCheck)
            throws InterruptedException, ExecutionException {
        Map<Long, CompletableFuture<Job>> jobs;
        synchronized (this) {
            jobs = new LinkedHashMap<>(followed);
        }
        giveUpIfFailingTooLong(engine, jobs, giveUpAfter, clock, howToCheck);
    }

    private void giveUpIfFailingTooLong(JobEngine engine, Map<Long, CompletableFuture<Job>> jobs,
                                        Duration giveUpAfter, Clock clock, Function<Job, String> howToCheck)
            throws InterruptedException, ExecutionException {
        for (Map.Entry<Long, CompletableFuture<Job>> e : jobs.entrySet()) {
            if (e.getValue().isDone()) {
                continue;
            }
            Optional<Instant> since = engine.failingSince(e.getKey()).get();
            if (since.isPresent() && !Duration.between(since.get(), clock.instant()).minus(giveUpAfter)
                    .isNegative()) {
                Job job = engine.store().find(e.getKey()).orElseThrow();
                String problem = lastProblem == null ? "" : " (last problem: " + lastProblem + ")";
                ObjectNode line = ApiJson.object().put("event", "gave_up").put("job_id", job.id())
                        .put("request_id", job.requestId()).put("after_seconds", giveUpAfter.toSeconds());
                CliContext.line(out, ApiJson.write(line));
                throw new CliFailure(ExitCodes.API_ERROR, "gave up after " + words(giveUpAfter) + " of failing to "
                        + "reach the server" + problem + ". The job may still be running on the server: check it "
                        + "with " + howToCheck.apply(job) + ", or follow it again (outputs included) with "
                        + "`comfydesk jobs --resume`.");
            }
        }
    }

    static String words(Duration d) {
        if (d.toSeconds() >= 60 && d.toSeconds() % 60 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
