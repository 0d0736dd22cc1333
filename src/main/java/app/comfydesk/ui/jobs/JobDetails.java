package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.StatusChange;
import app.comfydesk.ui.gallery.OutputItem;
import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the details pane shows for one job.
 *
 * @param row          the job's current snapshot
 * @param history      status timeline, oldest first (carries the queue position history)
 * @param instanceId   the worker instance that ran it, or null
 * @param editsJson    the edits it was submitted with (pretty JSON; secrets already removed), or null
 * @param errorJson    the server's raw error JSON for failures, or null
 * @param rawJson      the whole stored job as pretty JSON (redacted)
 * @param outputs      the outputs on disk
 * @param outputFolder where its outputs are saved, or null
 * @param texts        the text outputs by node id, as saved (each read up to {@link #MAX_TEXT_CHARS})
 * @param workflowVersion the deployment's workflow version the job was measured against, or null
 */
public record JobDetails(JobRow row, List<StatusChange> history, String instanceId, String editsJson,
                         String errorJson, String rawJson, List<OutputItem> outputs, Path outputFolder,
                         java.util.Map<String, String> texts, String workflowVersion) {

    /** The most of one text output the details show. */
    public static final int MAX_TEXT_CHARS = 16 * 1024;

    public JobDetails {
        history = List.copyOf(history);
        outputs = List.copyOf(outputs);
        texts = texts == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(texts));
    }

    public JobDetails(JobRow row, List<StatusChange> history, String instanceId, String editsJson, String errorJson,
                      String rawJson, List<OutputItem> outputs, Path outputFolder) {
        this(row, history, instanceId, editsJson, errorJson, rawJson, outputs, outputFolder, null, null);
    }

    /** The edits as JSON (overrides {@code {"<id>": {"inputs": {...}}}}), or null when there are none. */
    public JsonNode edits() {
        if (editsJson == null || editsJson.isBlank()) {
            return null;
        }
        try {
            // Exact: a plain mapper would read 0.1234567890123456789 as a double and round it.
            return ExactJson.parse(editsJson);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The error made readable, or null when the job did not fail. */
    public ErrorReport error() {
        return ErrorReport.parse(errorJson);
    }
}
