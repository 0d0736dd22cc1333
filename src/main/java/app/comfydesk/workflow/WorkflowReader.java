package app.comfydesk.workflow;

import app.comfydesk.workflow.WorkflowFormatException.Reason;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads ComfyUI workflows in API format from what users actually have: plain workflow_api.json, the envelopes
 * {@code {"prompt": {...}}} (ComfyUI's /prompt body), {@code {"input": {"workflow": {...}}}} (RunPod/Salad
 * workers) and {@code {"workflow_api_json": {...}}} (a RunComfy request body), and PNGs saved by ComfyUI (the
 * {@code prompt} text chunk). Every rejection is a {@link WorkflowFormatException} with one user-facing sentence.
 *
 * <p>Stateless and thread-safe.
 */
public final class WorkflowReader {

    /** Larger files are rejected before they are read: no real workflow comes close, and memory is finite. */
    public static final long MAX_BYTES = 50L * 1024 * 1024;

    private static final String EXPORT_HINT = "In ComfyUI use Workflow \u2192 Export (API) (older versions: enable "
            + "dev mode options, then \u201cSave (API Format)\u201d) and load the exported file";

    public LoadedWorkflow read(Path file) throws WorkflowFormatException {
        String name = String.valueOf(file.getFileName());
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(name, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, name);
            }
        } catch (NoSuchFileException e) {
            throw new WorkflowFormatException(Reason.UNREADABLE, name + " was not found at " + file.toAbsolutePath()
                    + "; check the path and try again.", e);
        } catch (AccessDeniedException e) {
            throw new WorkflowFormatException(Reason.UNREADABLE, name + " cannot be opened: permission denied. "
                    + "Check the file's permissions or copy it somewhere readable.", e);
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    public LoadedWorkflow read(InputStream in, String sourceName) throws WorkflowFormatException {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            throw unreadable(sourceName, e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(sourceName, -1);
        }
        return read(bytes, sourceName);
    }

    public LoadedWorkflow read(String json, String sourceName) throws WorkflowFormatException {
        // A char is at least one byte of UTF-8; this bounds memory the same way the file check does.
        if (json.length() > MAX_BYTES) {
            throw tooLarge(sourceName, json.length());
        }
        JsonNode root;
        try {
            // Text pasted from some editors keeps the byte-order mark; it is not JSON whitespace.
            root = ExactJson.parse(json.startsWith("\uFEFF") ? json.substring(1) : json);
        } catch (JsonProcessingException e) {
            throw notJson(sourceName, e);
        }
        return fromTree(root, sourceName);
    }

    /** Reads an already parsed tree (e.g. one stored by the job database); the tree is copied, not kept. */
    public LoadedWorkflow read(JsonNode json, String sourceName) throws WorkflowFormatException {
        return fromTree(json.deepCopy(), sourceName);
    }

    private LoadedWorkflow read(byte[] bytes, String sourceName) throws WorkflowFormatException {
        if (PngText.isPng(bytes)) {
            return readPng(bytes, sourceName);
        }
        String otherImage = otherImageType(bytes);
        if (otherImage != null) {
            throw new WorkflowFormatException(Reason.NO_PROMPT_IN_IMAGE, sourceName + " is a " + otherImage
                    + " image; ComfyDesk reads workflows from PNGs saved by ComfyUI and from workflow_api.json. "
                    + EXPORT_HINT + ".");
        }
        JsonNode root;
        try {
            root = ExactJson.parse(bytes);
        } catch (JsonProcessingException e) {
            throw notJson(sourceName, e);
        }
        return fromTree(root, sourceName);
    }

    private LoadedWorkflow readPng(byte[] png, String sourceName) throws WorkflowFormatException {
        Map<String, String> texts;
        try {
            texts = PngText.textChunks(png, MAX_BYTES);
        } catch (PngText.MalformedPngException e) {
            throw new WorkflowFormatException(Reason.NO_PROMPT_IN_IMAGE, sourceName + " is a damaged PNG: "
                    + e.getMessage() + ". Save the image again from ComfyUI.");
        }
        String prompt = texts.get("prompt");
        if (prompt == null) {
            String why = texts.containsKey("workflow")
                    ? " holds only the editor graph (\u201cworkflow\u201d), not the API prompt ComfyDesk needs"
                    : " has no ComfyUI prompt in its metadata (no \u201cprompt\u201d text chunk)";
            throw new WorkflowFormatException(Reason.NO_PROMPT_IN_IMAGE, sourceName + why + ". Load the "
                    + "workflow_api.json instead, or an image saved by ComfyUI's Save Image node with metadata on.");
        }
        String chunkName = sourceName + " (PNG prompt)";
        JsonNode root;
        try {
            root = ExactJson.parse(prompt);
        } catch (JsonProcessingException e) {
            throw notJson(chunkName, e);
        }
        return fromTree(root, chunkName);
    }

    private LoadedWorkflow fromTree(JsonNode root, String sourceName)
            throws WorkflowFormatException {
        if (!root.isObject()) {
            throw new WorkflowFormatException(Reason.NOT_A_WORKFLOW, sourceName + " is not a ComfyUI API workflow: "
                    + "its top level is " + describeType(root) + ", but a workflow is an object of nodes keyed by id "
                    + "({\"3\": {\"class_type\": \u2026, \"inputs\": {\u2026}}}). " + EXPORT_HINT + ".");
        }
        ObjectNode nodeMap = unwrap((ObjectNode) root);
        if (isUiFormat(nodeMap) || isUiFormat(root)) {
            throw new WorkflowFormatException(Reason.UI_FORMAT, sourceName + " is a ComfyUI editor workflow "
                    + "(it has \u201cnodes\u201d and \u201clinks\u201d), not the API format ComfyDesk runs. "
                    + EXPORT_HINT + ".");
        }
        List<String> warnings = new ArrayList<>();
        ObjectNode nodes = ExactJson.NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = nodeMap.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String id = entry.getKey();
            JsonNode value = entry.getValue();
            if (!isNodeLike(value)) {
                warnings.add("Skipped \u201c" + id + "\u201d in " + sourceName + ": it is not a node (no "
                        + "\u201cclass_type\u201d or \u201cinputs\u201d).");
                continue;
            }
            JsonNode classType = value.get("class_type");
            if (classType == null || !classType.isTextual() || classType.asText().isBlank()) {
                throw new WorkflowFormatException(Reason.INVALID_NODE, "Node \u201c" + id + "\u201d in " + sourceName
                        + " has no \u201cclass_type\u201d, so ComfyUI cannot tell which node it is. Add it (e.g. "
                        + "\"class_type\": \"KSampler\") or export the workflow again. " + EXPORT_HINT + ".");
            }
            JsonNode inputs = value.get("inputs");
            if (inputs == null || !inputs.isObject()) {
                throw new WorkflowFormatException(Reason.INVALID_NODE, "Node \u201c" + id + "\u201d ("
                        + classType.asText() + ") in " + sourceName + (inputs == null ? " has no" : " has a non-object")
                        + " \u201cinputs\u201d; every API-format node needs \"inputs\": {\u2026} (use {} when it has "
                        + "none). Fix the file or export the workflow again.");
            }
            nodes.set(id, value);
        }
        if (nodes.isEmpty()) {
            throw new WorkflowFormatException(Reason.NOT_A_WORKFLOW, sourceName + " contains no ComfyUI nodes: "
                    + "expected an object like {\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\u2026}}}. "
                    + EXPORT_HINT + ".");
        }
        checkLinks(nodes, sourceName);
        return new LoadedWorkflow(new Workflow(nodes), warnings);
    }

    /**
     * Finds the node map inside the envelopes users meet. Only unwraps when the top level itself holds no nodes,
     * so a workflow that happens to have a node with id "prompt" is never misread.
     */
    private static ObjectNode unwrap(ObjectNode root) {
        if (hasNodeLikeValue(root)) {
            return root;
        }
        JsonNode[] candidates = {
            root.get("prompt"),
            root.path("input").get("workflow"),
            root.get("workflow_api_json"),
            root.get("workflow"),
        };
        for (JsonNode candidate : candidates) {
            if (candidate != null && candidate.isObject() && (hasNodeLikeValue(candidate) || isUiFormat(candidate))) {
                return (ObjectNode) candidate;
            }
        }
        return root;
    }

    private static boolean hasNodeLikeValue(JsonNode object) {
        for (JsonNode value : object) {
            if (isNodeLike(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNodeLike(JsonNode value) {
        return value.isObject() && (value.has("class_type") || value.has("inputs"));
    }

    /** The editor's format: a "nodes" array (of objects with a "type") plus links / ids / version bookkeeping. */
    private static boolean isUiFormat(JsonNode root) {
        JsonNode nodes = root.path("nodes");
        if (!root.isObject() || !nodes.isArray()) {
            return false;
        }
        return root.has("links") || root.has("last_node_id") || root.has("version") || root.has("definitions")
                || (!nodes.isEmpty() && nodes.get(0).has("type"));
    }

    private static void checkLinks(ObjectNode nodes, String sourceName) throws WorkflowFormatException {
        Set<String> ids = new HashSet<>();
        nodes.fieldNames().forEachRemaining(ids::add);
        for (Iterator<Map.Entry<String, JsonNode>> it = nodes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> inputs = node.getValue().get("inputs").fields();
                    inputs.hasNext(); ) {
                Map.Entry<String, JsonNode> input = inputs.next();
                if (Links.isBrokenLink(input.getValue(), ids)) {
                    String target = input.getValue().get(0).asText();
                    throw new WorkflowFormatException(Reason.BROKEN_LINK, "Node \u201c" + node.getKey() + "\u201d ("
                            + node.getValue().get("class_type").asText() + ") input \u201c" + input.getKey()
                            + "\u201d in " + sourceName + " is connected to node \u201c" + target + "\u201d, which is "
                            + "not in the workflow. Reconnect or remove it in ComfyUI and export the workflow again.");
                }
            }
        }
    }

    private static WorkflowFormatException notJson(String sourceName, JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String at = where == null || where.getLineNr() < 0 ? ""
                : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        if (e instanceof ExactJson.DuplicateKeyException duplicate) {
            return new WorkflowFormatException(Reason.NOT_JSON, sourceName + " has the key \u201c" + duplicate.key()
                    + "\u201d twice in the same object" + at + "; the second would silently replace the first, so "
                    + "remove or rename one of them (or export the workflow again from ComfyUI).", e);
        }
        if (e instanceof JsonEOFException) {
            return new WorkflowFormatException(Reason.NOT_JSON, sourceName + " ends too early" + at + ": the JSON is "
                    + "incomplete, probably a truncated download or copy. Get the complete file again.", e);
        }
        String detail = e.getOriginalMessage();
        int cut = detail.indexOf('\n');
        detail = (cut >= 0 ? detail.substring(0, cut) : detail).strip();
        if (detail.equals("the text is empty")) {
            return new WorkflowFormatException(Reason.NOT_JSON, sourceName + " is empty. Load a workflow_api.json "
                    + "exported from ComfyUI.", e);
        }
        return new WorkflowFormatException(Reason.NOT_JSON, sourceName + " is not valid JSON" + at + " (" + detail
                + "). Fix it in a text editor or export the workflow again from ComfyUI.", e);
    }

    /** @param size the size in bytes (or chars), or -1 when a stream was cut off at the limit */
    private static WorkflowFormatException tooLarge(String name, long size) {
        String howBig = size < 0 ? "" : String.format(Locale.ROOT, " (%,d bytes)", size);
        return new WorkflowFormatException(Reason.TOO_LARGE, name + " is larger than 50 MiB" + howBig + "; "
                + "ComfyDesk reads workflows up to 50 MiB. Check that this is a workflow_api.json or a ComfyUI PNG.");
    }

    private static WorkflowFormatException unreadable(String name, IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new WorkflowFormatException(Reason.UNREADABLE, name + " could not be read (" + why + "). Check "
                + "that the file is accessible and try again.", e);
    }

    private static String describeType(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "not an object";
        };
    }

    /** Common image formats that cannot carry ComfyUI's PNG text chunks, for a precise message. */
    private static String otherImageType(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return "JPEG";
        }
        if (bytes.length >= 12 && new String(bytes, 0, 4, StandardCharsets.ISO_8859_1).equals("RIFF")
                && new String(bytes, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
            return "WebP";
        }
        if (bytes.length >= 6 && new String(bytes, 0, 4, StandardCharsets.ISO_8859_1).equals("GIF8")) {
            return "GIF";
        }
        return null;
    }
}
