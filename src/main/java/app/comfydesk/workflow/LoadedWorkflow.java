package app.comfydesk.workflow;

import java.util.List;
import java.util.Objects;

/**
 * A parsed workflow and what the user should know about how it was read (keys skipped because they are not nodes).
 */
public record LoadedWorkflow(Workflow workflow, List<String> warnings) {

    public LoadedWorkflow {
        Objects.requireNonNull(workflow, "workflow");
        warnings = List.copyOf(warnings);
    }
}
