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

    /** The same workflow described again with other schemas (after loading an object_info.json). */
    public WorkflowDocument redescribe(WorkflowDocument document, NodeSchemas schemas) {
        return new WorkflowDocument(document.source(), document.displayName(), document.workflow(), schemas,
                FormFields.describe(document.workflow(), schemas), document.warnings());
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
            if (looksLikeObjectInfo(file)) {
                try {
                    NodeSchemas parsed = NodeSchemas.parse(file);
                    if (parsed.size() > 0) {
                        return new OpenedSchemas(file, parsed);
                    }
                } catch (WorkflowFormatException alsoNotSchemas) {
                    notAWorkflow.addSuppressed(alsoNotSchemas);
                }
            }
            throw notAWorkflow;
        }
    }

    /** object_info.json maps class types to objects with "input" and "output"; workflows never look like that. */
    static boolean looksLikeObjectInfo(Path file) {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            return false;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode root = JsonValues.MAPPER.readTree(file.toFile());
            if (root == null || !root.isObject() || root.isEmpty()) {
                return false;
            }
            int schemaLike = 0;
            for (com.fasterxml.jackson.databind.JsonNode value : root) {
                if (value.isObject() && value.has("input") && (value.has("output") || value.has("category"))) {
                    schemaLike++;
                }
            }
            return schemaLike * 2 > root.size();
        } catch (IOException e) {
            return false;
        }
    }

    private static WorkflowDocument describe(Path source, String name, LoadedWorkflow loaded, NodeSchemas schemas) {
        List<String> warnings = new ArrayList<>(loaded.warnings());
        return new WorkflowDocument(source, name, loaded.workflow(), schemas,
                FormFields.describe(loaded.workflow(), schemas), warnings);
    }
}
