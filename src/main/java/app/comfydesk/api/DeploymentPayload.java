package app.comfydesk.api;

import app.comfydesk.workflow.LoadedWorkflow;
import app.comfydesk.workflow.WorkflowFormatException;
import app.comfydesk.workflow.WorkflowReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * What a deployment stores ({@code includes=payload}): the workflow that overrides are applied to, read by the
 * {@link WorkflowReader} exactly like a file (exact numbers, the same checks and warnings); its default overrides
 * ({@code {}} when none); and where its {@code object_info.json} can be fetched (null when not given).
 */
public record DeploymentPayload(LoadedWorkflow workflow, ObjectNode defaultOverrides, URI objectInfoUrl) {

    public DeploymentPayload {
        defaultOverrides = defaultOverrides.deepCopy();
    }

    @Override
    public ObjectNode defaultOverrides() {
        return defaultOverrides.deepCopy();
    }

    static DeploymentPayload from(String deploymentId, JsonNode payload) {
        String source = "the stored workflow of deployment " + deploymentId;
        JsonNode stored = payload.get("workflow_api_json");
        if (stored == null || stored.isNull()) {
            throw invalid(source + " is missing from the deployment's payload (workflow_api_json)", null);
        }
        LoadedWorkflow workflow;
        try {
            // Some answers carry the graph as a JSON string: read the text itself so nothing is re-rounded.
            workflow = stored.isTextual() ? new WorkflowReader().read(stored.asText(), source)
                    : new WorkflowReader().read(stored, source);
        } catch (WorkflowFormatException e) {
            throw invalid(e.getMessage(), e);
        }
        JsonNode overrides = payload.get("overrides");
        ObjectNode defaults = overrides instanceof ObjectNode o ? o : ApiJson.object();
        String url = ApiJson.text(payload, "object_info_url");
        URI objectInfo = null;
        if (url != null && !url.isBlank()) {
            try {
                objectInfo = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw invalid("the object_info_url of deployment " + deploymentId + " is not a valid URL", e);
            }
            String scheme = objectInfo.getScheme() == null ? "" : objectInfo.getScheme().toLowerCase();
            if (!scheme.equals("https") && !scheme.equals("http") || objectInfo.getHost() == null) {
                throw invalid("the object_info_url of deployment " + deploymentId + " is not an http(s) URL", null);
            }
        }
        return new DeploymentPayload(workflow, defaults, objectInfo);
    }

    private static ApiException invalid(String message, Throwable cause) {
        return new ApiException(200, null, message, null, cause);
    }
}
