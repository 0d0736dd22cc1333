package app.comfydesk.jobs;

import app.comfydesk.api.ApiJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A job as stored. JSON columns are kept as text (exact, immutable): {@code requestJson} is the body that was sent
 * with every secret redacted (large {@code data:} URIs abbreviated), {@code editsJson} what the UI recorded to load
 * the edits back (nullable), {@code errorJson} the server's error as it came (nullable). {@code history} is empty
 * in rows from {@link JobStore#page}; {@link JobStore#find} fills it. {@code seed} is the seed the request sent (the
 * run's first seed input, as decimal text: seeds reach 2^64-1), null when it had none or it was not recorded.
 */
public record Job(long id, String requestId, JobTarget target, JobMode mode, String requestJson, String editsJson,
                  String workflowSource, String promptSnippet, JobStatus status, Integer queuePosition,
                  String instanceId, String errorJson, String errorMessage, Instant createdAt, Instant updatedAt,
                  Instant finishedAt, Path outputDir, List<StatusChange> history, List<JobOutput> outputs,
                  String seed) {

    public Job {
        history = List.copyOf(history);
        outputs = List.copyOf(outputs);
    }

    public Job(long id, String requestId, JobTarget target, JobMode mode, String requestJson, String editsJson,
               String workflowSource, String promptSnippet, JobStatus status, Integer queuePosition,
               String instanceId, String errorJson, String errorMessage, Instant createdAt, Instant updatedAt,
               Instant finishedAt, Path outputDir, List<StatusChange> history, List<JobOutput> outputs) {
        this(id, requestId, target, mode, requestJson, editsJson, workflowSource, promptSnippet, status,
                queuePosition, instanceId, errorJson, errorMessage, createdAt, updatedAt, finishedAt, outputDir,
                history, outputs, null);
    }

    /** This job with another queue position and update time (what {@link JobStore#updateQueuePosition} stores). */
    public Job withQueuePosition(Integer position, Instant at) {
        return new Job(id, requestId, target, mode, requestJson, editsJson, workflowSource, promptSnippet, status,
                position, instanceId, errorJson, errorMessage, createdAt, at, finishedAt, outputDir, history, outputs,
                seed);
    }

    /** The stored request body as JSON. */
    public JsonNode request() {
        return ApiJson.parse(requestJson);
    }

    /** The stored edits as JSON, or null. */
    public JsonNode edits() {
        return editsJson == null ? null : ApiJson.parse(editsJson);
    }

    /** The stored server error as JSON, or null. */
    public JsonNode error() {
        return errorJson == null ? null : ApiJson.parse(errorJson);
    }
}
