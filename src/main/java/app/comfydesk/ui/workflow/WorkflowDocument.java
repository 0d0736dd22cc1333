package app.comfydesk.ui.workflow;

import app.comfydesk.workflow.FieldDescriptor;
import app.comfydesk.workflow.NodeSchemas;
import app.comfydesk.workflow.Workflow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A workflow ready for the form, prepared off the FX thread: parsed, described field by field, with the schemas
 * used and any warnings from reading it.
 *
 * @param source      the file it came from, or null (e.g. the sandbox sample read from the jar)
 * @param displayName what the toolbar shows
 * @param deployment  the deployment it stands for (its stored workflow, or a file bound to it), or null
 */
public record WorkflowDocument(Path source, String displayName, Workflow workflow, NodeSchemas schemas,
        Map<String, List<FieldDescriptor>> fields, List<String> warnings, DeploymentOrigin deployment) {

    public WorkflowDocument {
        fields = Map.copyOf(fields);
        warnings = List.copyOf(warnings);
    }

    public WorkflowDocument(Path source, String displayName, Workflow workflow, NodeSchemas schemas,
            Map<String, List<FieldDescriptor>> fields, List<String> warnings) {
        this(source, displayName, workflow, schemas, fields, warnings, null);
    }

    /** The same document standing for a deployment. */
    public WorkflowDocument boundTo(DeploymentOrigin origin, String newDisplayName) {
        return new WorkflowDocument(source, newDisplayName, workflow, schemas, fields, warnings, origin);
    }
}
