package app.comfydesk.ui.jobs;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiException;
import app.comfydesk.api.ApiJson;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobEvent;
import app.comfydesk.jobs.JobOutput;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.OutputState;
import app.comfydesk.jobs.StatusChange;
import app.comfydesk.jobs.UnfinishedSnapshot;
import app.comfydesk.ui.gallery.OutputItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The monitor's backend over the real engine: reads pages from the {@link JobStore}, turns {@link JobEvent}s into
 * row snapshots, and runs the actions through the {@link JobEngine}. Rows and details are the store's
 * (queue moves and instances are its structured history); it only remembers, for this session, when jobs started
 * running, so a page read looks that up once.
 */
public final class EngineJobBackend implements JobMonitorBackend {

    private static final ObjectMapper JSON = ApiJson.mapper();
    /** Where a re-run's follow-up step runs (never the engine's or the caller's thread). */
    private static final java.util.concurrent.Executor READS = java.util.concurrent.ForkJoinPool.commonPool();

    private final JobEngine engine;
    private final JobStore store;
    private final Supplier<String> host;
    private final BiFunction<String, SubmitRequest, SubmitRequest> secretsForRerun;
    private final Clock clock;
    private final Map<Long, Instant> runningSince = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final GroupedRows grouped;
    /** Origins the engine cannot reach now, with the reason; one dead origin says nothing about the others. */
    private final Map<String, String> offlineOrigins = new ConcurrentHashMap<>();
    /** When each origin last answered: "connected" is said of the active profile's server, not of any server. */
    private final Map<String, Instant> answeredAt = new ConcurrentHashMap<>();

    /**
     * @param host            the API host shown in the status bar ("api.runcomfy.net"), asked on each change
     * @param secretsForRerun given a job's profile id and its rebuilt request, adds that profile's secrets (the
     *                        Comfy Org key) for a re-run; the store never has them. Called on a worker thread.
     */
    public EngineJobBackend(JobEngine engine, Supplier<String> host,
                            BiFunction<String, SubmitRequest, SubmitRequest> secretsForRerun) {
        this(engine, host, secretsForRerun, Clock.systemUTC());
    }

    EngineJobBackend(JobEngine engine, Supplier<String> host,
                     BiFunction<String, SubmitRequest, SubmitRequest> secretsForRerun, Clock clock) {
        this.engine = engine;
        this.store = engine.store();
        this.host = host;
        this.secretsForRerun = secretsForRerun;
        this.clock = clock;
        this.grouped = new GroupedRows(new app.comfydesk.jobs.JobGroups(store));
        engine.addListener(this::onEvent);
        engine.watchUnfinished(unfinished -> listeners.forEach(listener -> listener.unfinishedChanged(unfinished)));
    }

    @Override
    public UnfinishedSnapshot unfinished() {
        return engine.unfinished();
    }

    @Override
    public int count(JobQuery query) {
        return store.count(query);
    }

    @Override
    public List<JobRow> page(JobQuery query, int offset, int limit) {
        List<Job> jobs = store.listPage(query.measuredAt(clock.instant()), offset, limit);
        // Page rows carry no history; a running job's start is looked up once (worker thread), then remembered.
        for (Job job : jobs) {
            if (job.status() == JobStatus.RUNNING && !runningSince.containsKey(job.id())) {
                store.find(job.id()).flatMap(found -> found.history().stream()
                        .filter(change -> change.status() == JobStatus.RUNNING).findFirst())
                        .ifPresent(change -> runningSince.putIfAbsent(job.id(), change.at()));
            }
        }
        return grouped.annotate(jobs.stream().map(this::rowOf).toList(), query.groups());
    }

    @Override
    public CompletableFuture<String> cancelGroup(String groupId) {
        return grouped.cancel(groupId, this::cancel);
    }

    @Override
    public Optional<JobDetails> details(long jobId) {
        return store.find(jobId).map(this::toDetails);
    }

    @Override
    public List<OutputItem> recentOutputs(int limit) {
        List<OutputItem> outputs = new ArrayList<>();
        JobQuery finished = JobQuery.all().withStatuses(EnumSet.of(JobStatus.SUCCEEDED, JobStatus.OUTPUTS_EXPIRED));
        for (Job job : store.listPage(finished, 0, limit)) {
            for (JobOutput output : job.outputs()) {
                if (output.state() == OutputState.SAVED && output.localPath() != null && outputs.size() < limit) {
                    outputs.add(item(job, output));
                }
            }
        }
        return outputs;
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
        listener.connectionChanged(connection());
    }

    @Override
    public CompletableFuture<String> cancel(long jobId) {
        return readable(engine.cancel(jobId).thenApply(outcome -> switch (outcome) {
            case CANCELLED -> "Job #" + jobId + " cancelled.";
            case CANCELLATION_REQUESTED -> "Cancellation of job #" + jobId + " requested; waiting for the server.";
            case NOT_CANCELLABLE -> "Job #" + jobId + " could not be cancelled: it has finished or is finishing.";
            case UNKNOWN -> "The server answered the cancel of job #" + jobId + " without an outcome; "
                    + "the job's state will show what happened.";
        }), "cancel");
    }

    @Override
    public CompletableFuture<String> deleteRemote(long jobId) {
        return readable(engine.deleteRemote(jobId).thenApply(deleted -> "Deleted " + deleted
                + " remote file" + (deleted == 1 ? "" : "s") + " of job #" + jobId + " (local copies stay)."),
                "delete remote assets");
    }

    @Override
    public CompletableFuture<Long> rerun(long jobId) {
        // The engine reads the stored job on its own thread; the id is taken there too, never on the caller's.
        return readable(engine.rerun(jobId, secretsForRerun).thenApplyAsync(Job::id, READS), "re-run");
    }

    private static <T> CompletableFuture<T> readable(CompletableFuture<T> call, String action) {
        return call.handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof ApiException api) {
                String message = api.httpStatus() == 409 && action.startsWith("delete")
                        ? "409 Conflict: the server still runs this job. Cancel it first (or wait until it "
                        + "finishes), then delete its remote assets."
                        : api.userMessage();
                throw new CompletionException(new IllegalStateException(message, api));
            }
            throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
        });
    }

    @Override
    public void connectionProbed(String baseUrl, String offlineReason) {
        String origin = originOf(baseUrl);
        if (origin != null) {
            onEvent(new JobEvent.ConnectionChanged(origin, offlineReason == null,
                    offlineReason == null ? "Connected" : offlineReason));
        }
    }

    private void onEvent(JobEvent event) {
        if (event instanceof JobEvent.ConnectionChanged changed) {
            // The newest finding wins, the engine's or a probe's: both are told only on a change.
            if (changed.online()) {
                offlineOrigins.remove(changed.origin());
                answeredAt.put(changed.origin(), clock.instant());
            } else {
                offlineOrigins.put(changed.origin(), changed.message());
            }
            ConnectionStatus status = connection();
            listeners.forEach(listener -> listener.connectionChanged(status));
            return;
        }
        Job job = event.job();
        if (job == null) {
            return;
        }
        boolean answered = !(event instanceof JobEvent.ActionFailed) && !(event instanceof JobEvent.Forgotten);
        if (answered && job.requestId() != null) {
            answeredAt.put(ApiEndpoint.origin(job.target().baseUrl()), clock.instant());
        }
        if (event instanceof JobEvent.StatusChanged changed) {
            remember(job, changed.previous());
        }
        JobRow row = rowOf(job);
        listeners.forEach(listener -> {
            listener.jobChanged(row);
            if (answered) {
                listener.connectionChanged(connection());
            }
        });
    }

    private void remember(Job job, JobStatus previous) {
        if (job.status() == JobStatus.RUNNING && previous != JobStatus.RUNNING) {
            runningSince.putIfAbsent(job.id(), job.updatedAt());
        }
    }

    /** Offline when the active profile's origin is (or, when the host is not a URL, when any origin is). */
    private ConnectionStatus connection() {
        String activeHost = host.get();
        String activeOrigin = originOf(activeHost);
        String reason = activeOrigin == null
                ? offlineOrigins.values().stream().findFirst().orElse(null)
                : offlineOrigins.get(activeOrigin);
        Instant lastAnswer = activeOrigin == null
                ? answeredAt.values().stream().max(Instant::compareTo).orElse(null) : answeredAt.get(activeOrigin);
        return new ConnectionStatus(reason == null, activeHost, reason == null ? "" : reason, lastAnswer);
    }

    /** The origin of a base URL, or null for anything that is not one. */
    private static String originOf(String baseUrl) {
        if (baseUrl == null) {
            return null;
        }
        try {
            java.net.URI uri = java.net.URI.create(baseUrl);
            return uri.getScheme() == null || uri.getHost() == null ? null : ApiEndpoint.origin(uri);
        } catch (IllegalArgumentException notAUrl) {
            return null;
        }
    }

    /**
     * The row snapshot of a stored job, without touching the store (it runs on engine threads too). Also used by
     * the monitor benchmark to replay engine-like events.
     */
    public JobRow rowOf(Job job) {
        Instant started = runningSince.get(job.id());
        if (started == null && !job.history().isEmpty()) {
            started = job.history().stream().filter(change -> change.status() == JobStatus.RUNNING)
                    .map(StatusChange::at).findFirst().orElse(null);
            if (started != null && !job.status().isTerminal()) {
                runningSince.putIfAbsent(job.id(), started);
            }
        }
        if (started == null && job.status() == JobStatus.RUNNING) {
            started = job.updatedAt(); // until a page read looks the real start up (see page())
        }
        Path first = job.outputs().stream().filter(output -> output.state() == OutputState.SAVED)
                .map(JobOutput::localPath).findFirst().orElse(null);
        int saved = (int) job.outputs().stream().filter(output -> output.state() == OutputState.SAVED).count();
        return new JobRow(job.id(), job.requestId(), job.status(), job.queuePosition(),
                job.createdAt(), started, job.finishedAt(), job.updatedAt(), job.promptSnippet(),
                job.target().deploymentId(), first, saved, job.errorMessage(), job.seed(),
                job.outputs().stream().map(JobOutput::mark).toList(), job.instanceId(), job.workflowSource());
    }

    private JobDetails toDetails(Job job) {
        List<OutputItem> outputs = job.outputs().stream()
                .filter(output -> output.state() == OutputState.SAVED && output.localPath() != null)
                .map(output -> item(job, output)).toList();
        return new JobDetails(rowOf(job), job.history(), job.instanceId(), pretty(job.edits()), job.errorJson(),
                rawJson(job), outputs, job.outputDir(), texts(job), store.workflowVersion(job.id()).orElse(null));
    }

    /** The saved text outputs (kind "text") by node id, each read up to {@link JobDetails#MAX_TEXT_CHARS}. */
    private static Map<String, String> texts(Job job) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (JobOutput output : job.outputs()) {
            if (!"text".equals(output.kind()) || output.state() != OutputState.SAVED || output.localPath() == null) {
                continue;
            }
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(output.localPath())) {
                String text = new String(in.readNBytes(JobDetails.MAX_TEXT_CHARS * 4),
                        java.nio.charset.StandardCharsets.UTF_8);
                texts.put(output.nodeId(), text.length() > JobDetails.MAX_TEXT_CHARS
                        ? text.substring(0, JobDetails.MAX_TEXT_CHARS) + "…" : text.strip());
            } catch (java.io.IOException e) {
                texts.put(output.nodeId(), "(missing on disk: " + output.localPath() + ")");
            }
        }
        return texts;
    }

    private static OutputItem item(Job job, JobOutput output) {
        return new OutputItem(output.localPath(), job.id(), "#" + job.id() + " · " + output.filename(),
                output.index(), output.mark());
    }

    private static String pretty(JsonNode node) {
        try {
            return node == null ? null : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (java.io.IOException e) {
            return node.toString();
        }
    }

    /** The stored job as JSON for the "Raw JSON" tab: already without secrets (the store never had them). */
    private static String rawJson(Job job) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("id", job.id());
        raw.put("request_id", job.requestId());
        raw.put("status", job.status().jsonName());
        raw.put("deployment_id", job.target().deploymentId());
        raw.put("base_url", job.target().baseUrl().toString());
        raw.put("api_version", job.target().version().name());
        raw.put("mode", job.mode().name());
        raw.put("workflow", job.workflowSource());
        raw.put("queue_position", job.queuePosition());
        raw.put("instance_id", job.instanceId());
        raw.put("created_at", String.valueOf(job.createdAt()));
        raw.put("updated_at", String.valueOf(job.updatedAt()));
        raw.put("finished_at", job.finishedAt() == null ? null : job.finishedAt().toString());
        raw.put("request", job.request());
        raw.put("edits", job.edits());
        raw.put("error", job.error());
        raw.put("error_message", job.errorMessage());
        raw.put("history", job.history().stream().map(change -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", change.status().jsonName());
            entry.put("at", String.valueOf(change.at()));
            entry.put("note", change.note() == null ? "" : change.note());
            entry.put("queue_position", change.queuePosition());
            entry.put("instance_id", change.instanceId());
            return entry;
        }).toList());
        raw.put("outputs", job.outputs().stream().map(output -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("node", output.nodeId());
            map.put("filename", output.filename());
            map.put("state", output.state().name());
            map.put("path", output.localPath() == null ? null : output.localPath().toString());
            map.put("bytes", output.bytes());
            map.put("error", output.error());
            return map;
        }).toList());
        return pretty(JSON.valueToTree(raw));
    }
}
