package app.comfydesk.ui.jobs;

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
 */
public record JobDetails(JobRow row, List<StatusChange> history, String instanceId, String editsJson,
                         String errorJson, String rawJson, List<OutputItem> outputs, Path outputFolder) {

    public JobDetails {
        history = List.copyOf(history);
        outputs = List.copyOf(outputs);
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
