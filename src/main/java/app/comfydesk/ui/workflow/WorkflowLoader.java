package app.comfydesk.ui.workflow;

import app.comfydesk.workflow.FormFields;
import app.comfydesk.workflow.LoadedWorkflow;
import app.comfydesk.workflow.NodeSchemas;
import app.comfydesk.workflow.WorkflowFormatException;
import app.comfydesk.workflow.WorkflowReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads workflows and schemas for the form: parse, then describe every field. Blocking; the studio runs it through
 * the background executor so the FX thread only receives a finished {@link WorkflowDocument}.
 */
public final class WorkflowLoader {

    private final WorkflowReader reader = new WorkflowReader();

    public WorkflowDocument load(Path file, NodeSchemas schemas) throws WorkflowFormatException {
        LoadedWorkflow loaded = reader.read(file);
        return describe(file, file.getFileName().toString(), loaded, schemas);
    }

    /** A workflow shipped in the jar, e.g. {@code /assets/workflows/sample-txt2img.json}. */
    public WorkflowDocument loadResource(String resource, String displayName, NodeSchemas schemas)
            throws WorkflowFormatException, IOException {
        try (InputStream in = WorkflowLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The application is missing " + resource + ".");
            }
            return describe(null, displayName, reader.read(in, displayName), schemas);
        }
    }

    public WorkflowDocument load(String json, String displayName, NodeSchemas schemas)
            throws WorkflowFormatException {
        return describe(null, displayName, reader.read(json, displayName), schemas);
    }

    /**
     * The same workflow described again with other schemas (after loading an object_info.json). A deployment's
     * stored workflow keeps the deployment's own object_info: that is what its server runs.
     */
    public WorkflowDocument redescribe(WorkflowDocument document, NodeSchemas schemas) {
        DeploymentOrigin origin = document.deployment();
        NodeSchemas used = origin != null && origin.storedWorkflowKnown() && document.schemas() != null
                ? document.schemas() : schemas;
        return new WorkflowDocument(document.source(), document.displayName(), document.workflow(), used,
                FormFields.describe(document.workflow(), used), document.warnings(), origin);
    }

    /**
     * A deployment's stored workflow (from {@code GET /deployments/{id}?includes=payload}) for the form, described
     * with the deployment's own object_info; its default overrides are applied as the starting values, so the
     * form shows what the deployment runs when nothing is overridden.
     */
    public WorkflowDocument loadDeployment(String accountId, app.comfydesk.api.Deployment deployment,
            NodeSchemas schemas) throws WorkflowFormatException {
        app.comfydesk.api.DeploymentPayload payload = deployment.payload().orElseThrow(() ->
                new WorkflowFormatException(WorkflowFormatException.Reason.NOT_A_WORKFLOW,
                        "Deployment " + deployment.id() + " sent no stored workflow (its payload is missing)."));
        LoadedWorkflow stored = payload.workflow();
        com.fasterxml.jackson.databind.node.ObjectNode defaults = payload.defaultOverrides();
        String name = deployment.name() == null || deployment.name().isBlank() ? deployment.id()
                : deployment.name();
        app.comfydesk.workflow.Workflow baseline = stored.workflow();
        List<String> warnings = new ArrayList<>(stored.warnings());
        int applied = 0;
        if (!defaults.isEmpty()) {
            app.comfydesk.workflow.WorkflowEdit edit = app.comfydesk.workflow.WorkflowEdit.fromOverrides(baseline,
                    schemas, defaults);
            applied = edit.changes().size();
            int skipped = missingInputs(baseline, defaults);
            if (applied > 0) {
                baseline = reader.read(edit.appliedWorkflow(), "the stored workflow of deployment "
                        + deployment.id()).workflow();
            }
            if (skipped > 0) {
                warnings.add(skipped + " default override(s) of deployment " + name
                        + " name inputs its stored workflow lacks; they were not applied.");
            }
        }
        DeploymentOrigin origin = new DeploymentOrigin(accountId, deployment.id(), name,
                deployment.workflowVersion(), true, applied);
        return new WorkflowDocument(null, origin.title(), baseline, schemas, FormFields.describe(baseline, schemas),
                warnings, origin);
    }

    /**
     * A local file bound to a deployment whose stored workflow the server does not send (v1): overrides are
     * measured against the file.
     */
    public WorkflowDocument loadBound(Path file, String accountId, String deploymentId, NodeSchemas schemas)
            throws WorkflowFormatException {
        WorkflowDocument document = load(file, schemas);
        DeploymentOrigin origin = new DeploymentOrigin(accountId, deploymentId, deploymentId, null, false, 0);
        return document.boundTo(origin, document.displayName() + " \u2192 " + deploymentId);
    }

    private static int missingInputs(app.comfydesk.workflow.Workflow workflow,
            com.fasterxml.jackson.databind.JsonNode overrides) {
        int n = 0;
        for (var nodes = overrides.fields(); nodes.hasNext(); ) {
            var node = nodes.next();
            for (var inputs = node.getValue().path("inputs").fieldNames(); inputs.hasNext(); ) {
                if (workflow.input(new app.comfydesk.workflow.InputRef(node.getKey(), inputs.next())).isEmpty()) {
                    n++;
                }
            }
        }
        return n;
    }

    public NodeSchemas loadSchemas(Path objectInfo) throws WorkflowFormatException {
        return NodeSchemas.parse(objectInfo);
    }

    /** What a dropped or opened file turned out to be. */
    public sealed interface Opened permits OpenedWorkflow, OpenedSchemas {
    }

    public record OpenedWorkflow(WorkflowDocument document) implements Opened {
    }

    public record OpenedSchemas(Path file, NodeSchemas schemas) implements Opened {
    }

    /**
     * Opens a workflow (JSON or PNG) or, when the file is not one but is an object_info.json, its schemas. The
     * workflow's error is the one reported when neither fits: that is what people mostly open.
     */
    public Opened open(Path file, NodeSchemas schemas) throws WorkflowFormatException {
        try {
            return new OpenedWorkflow(load(file, schemas));
        } catch (WorkflowFormatException notAWorkflow) {
            if (notAWorkflow.reason() != WorkflowFormatException.Reason.NOT_JSON && isJsonFile(file)) {
                try {
                    return new OpenedSchemas(file, NodeSchemas.parse(file));
                } catch (WorkflowFormatException alsoNotSchemas) {
                    notAWorkflow.addSuppressed(alsoNotSchemas);
                }
            }
            throw notAWorkflow;
        }
    }

    private static boolean isJsonFile(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    }

    private static WorkflowDocument describe(Path source, String name, LoadedWorkflow loaded, NodeSchemas schemas) {
        List<String> warnings = new ArrayList<>(loaded.warnings());
        return new WorkflowDocument(source, name, loaded.workflow(), schemas,
                FormFields.describe(loaded.workflow(), schemas), warnings);
    }
}
