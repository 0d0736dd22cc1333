package app.comfydesk.cli;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiException;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.Deployment;
import app.comfydesk.api.DeploymentPayload;
import app.comfydesk.api.DeploymentsApi;
import app.comfydesk.workflow.ComboSpec;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.NodeSchemas;
import app.comfydesk.workflow.OverridesBaseline;
import app.comfydesk.workflow.Workflow;
import app.comfydesk.workflow.WorkflowFormatException;
import app.comfydesk.workflow.WorkflowReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** {@code run}'s view of the deployment's stored workflow: fetched over v2, with its object_info when it has one. */
final class StoredWorkflow {

    /** The stored workflow, its baseline (default overrides applied) and the schemas to check edits with. */
    record Found(Deployment deployment, DeploymentPayload payload, NodeSchemas schemas) {
        Workflow workflow() {
            return payload.workflow().workflow();
        }

        /**
         * Values outside an option list of the deployment's own object_info: the studio only warns (its schemas may
         * be older than the deployment), but these lists come from the deployment itself, so they are errors.
         */
        List<String> optionErrors(Map<InputRef, JsonNode> values) {
            List<String> errors = new ArrayList<>();
            values.forEach((ref, value) -> workflow().node(ref.nodeId())
                    .flatMap(n -> schemas.spec(n.classType(), ref.key()))
                    .filter(spec -> spec instanceof ComboSpec combo && !combo.acceptsAnyValue() && !combo.allows(value))
                    .ifPresent(spec -> errors.add(ref.nodeId() + "." + ref.key() + ": " + value + " is not one of "
                            + "the deployment's " + ((ComboSpec) spec).options().size() + " choices ("
                            + String.join(", ", ((ComboSpec) spec).options().stream().limit(8).map(JsonNode::asText)
                            .toList()) + (((ComboSpec) spec).options().size() > 8 ? ", ..." : "") + ")")));
            return errors;
        }

        OverridesBaseline baseline() {
            return new OverridesBaseline(workflow(), payload.defaultOverrides());
        }
    }

    private StoredWorkflow() {
    }

    /**
     * Fetches the deployment with its payload. {@code required} (no WORKFLOW given): any failure exits (4 for the
     * API, 2 when the server sends no stored workflow); otherwise a failure is a warning and null (run as before).
     */
    static Found fetch(CliContext context, ApiEndpoint endpoint, boolean required, PrintWriter err) {
        try (DeploymentsApi api = DeploymentCommands.open(context, endpoint.baseUrl().toString(), ApiVersion.V2)) {
            Deployment d;
            try {
                d = api.get(endpoint.deploymentId(), true).get();
            } catch (ExecutionException e) {
                String why = e.getCause() instanceof ApiException a ? a.userMessage() : e.getCause().getMessage();
                if (required) {
                    throw new CliFailure(ExitCodes.API_ERROR, "Could not fetch the stored workflow of deployment "
                            + endpoint.deploymentId() + ": " + why);
                }
                if (e.getCause() instanceof ApiException a && a.httpStatus() == 404) {
                    return null;   // a server without v2 deployments (or this one): the submit says what matters
                }
                err.println("warning: the deployment's stored workflow could not be read (" + why + "); the "
                        + "overrides are the --set and --image values only");
                err.flush();
                return null;
            }
            if (d.payload().isEmpty()) {
                if (required) {
                    throw new CliFailure(ExitCodes.INVALID_INPUT, "The server sent no stored workflow for deployment "
                            + endpoint.deploymentId() + ": give the workflow_api.json as WORKFLOW");
                }
                return null;
            }
            DeploymentPayload payload = d.payload().get();
            payload.workflow().warnings().forEach(w -> err.println("warning: " + w));
            NodeSchemas schemas = NodeSchemas.empty();
            if (required && payload.objectInfoUrl() != null) {
                try {
                    JsonNode info = api.objectInfo(d).get();
                    schemas = NodeSchemas.parse(info, "object_info of deployment " + d.id());
                } catch (ExecutionException | WorkflowFormatException e) {
                    Throwable c = e instanceof ExecutionException ? e.getCause() : e;
                    err.println("warning: the deployment's object_info could not be read (" + (c instanceof
                            ApiException a ? a.userMessage() : c.getMessage()) + "); inputs are checked against "
                            + "the built-in node specs only");
                }
            }
            err.flush();
            return new Found(d, payload, schemas);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.API_ERROR, "Interrupted");
        }
    }

    /** The applied graph's differences from the stored workflow, with every {@code given} value on top. */
    static ObjectNode overrides(Found stored, ObjectNode applied, ObjectNode given) {
        ObjectNode overrides;
        try {
            Workflow graph = new WorkflowReader().read(applied, "the workflow with your edits").workflow();
            overrides = stored.baseline().overridesFor(graph);
        } catch (OverridesBaseline.Mismatch e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, e.getMessage() + " (with comfydesk: add --dynamic). "
                    + "Nothing was sent.");
        } catch (WorkflowFormatException e) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, e.getMessage());
        }
        for (Iterator<Map.Entry<String, JsonNode>> nodes = given.fields(); nodes.hasNext(); ) {
            Map.Entry<String, JsonNode> node = nodes.next();
            ObjectNode into = overrides.with(node.getKey()).with("inputs");
            node.getValue().path("inputs").fields().forEachRemaining(i -> into.set(i.getKey(), i.getValue()));
        }
        return overrides;
    }
}
