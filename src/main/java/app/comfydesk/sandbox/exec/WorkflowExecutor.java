package app.comfydesk.sandbox.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs an API-format workflow the way ComfyUI does: every node's class must be known, then each output node is
 * evaluated with its inputs first (dependency order, each node at most once). Output nodes report their files in
 * the shape of ComfyUI's history ({@code {"images": [{filename, subfolder, type}]}}), keyed by node id.
 */
public final class WorkflowExecutor {

    /** Largest batch, in pixels, one node may produce; keeps a typo like 16384×16384 from exhausting memory. */
    static final long MAX_PIXELS = 4096L * 4096L;

    private final NodeTypes types = NodeTypes.standard();

    /** The class types the sandbox runs, sorted. */
    public Set<String> supportedClassTypes() {
        return types.classTypes();
    }

    /**
     * Runs {@code prompt} and returns the UI output of each output node, keyed by node id in execution order.
     *
     * @throws NodeExecutionException  the workflow is malformed or a node failed; names the node and class
     * @throws ExecutionCancelledException cancellation was requested between two nodes
     */
    public Map<String, ObjectNode> run(ObjectNode prompt, ExecutionContext context)
            throws NodeExecutionException, ExecutionCancelledException {
        validateShape(prompt);
        List<String> outputNodes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = prompt.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (types.isOutput(e.getValue().get("class_type").asText())) {
                outputNodes.add(e.getKey());
            }
        }
        if (outputNodes.isEmpty()) {
            throw new NodeExecutionException(null, null, "prompt_no_outputs",
                    "The workflow has no output node (such as SaveImage or PreviewImage), so it would produce "
                            + "nothing; add one and connect an image to it.");
        }
        outputNodes.sort(NODE_ID_ORDER);
        Run run = new Run(prompt, context);
        Map<String, ObjectNode> ui = new LinkedHashMap<>();
        for (String id : outputNodes) {
            run.evaluate(id);
            ObjectNode nodeUi = run.ui.get(id);
            if (nodeUi != null) {
                ui.put(id, nodeUi);
            }
        }
        return ui;
    }

    /** Node ids are strings; numeric ones sort numerically ("9" before "10"), the rest after, by text. */
    static final Comparator<String> NODE_ID_ORDER = (a, b) -> {
        boolean an = a.chars().allMatch(Character::isDigit) && !a.isEmpty() && a.length() < 18;
        boolean bn = b.chars().allMatch(Character::isDigit) && !b.isEmpty() && b.length() < 18;
        if (an && bn) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.compareTo(b);
    };

    private void validateShape(ObjectNode prompt) throws NodeExecutionException {
        for (Iterator<Map.Entry<String, JsonNode>> it = prompt.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            JsonNode node = e.getValue();
            if (!node.isObject() || !node.path("class_type").isTextual()) {
                throw new NodeExecutionException(id, null, "invalid_prompt",
                        "Node " + id + " has no \"class_type\"; every node needs one.");
            }
            String classType = node.get("class_type").asText();
            if (node.has("inputs") && !node.get("inputs").isObject()) {
                throw new NodeExecutionException(id, classType, "invalid_prompt",
                        "Node " + id + " (" + classType + ") has \"inputs\" that is not an object.");
            }
            if (types.get(classType) == null) {
                throw new NodeExecutionException(id, classType, "unknown_node_type",
                        "Node " + id + " uses class type \"" + classType + "\", which the sandbox cannot run. "
                                + "Remove the node or run this workflow on a RunComfy deployment that has it.");
            }
        }
    }

    private final class Run {
        final ObjectNode prompt;
        final ExecutionContext context;
        final Map<String, Object[]> results = new HashMap<>();
        final Map<String, ObjectNode> ui = new HashMap<>();
        final Set<String> inProgress = new HashSet<>();
        final Map<String, Integer> saveCounters = new HashMap<>();

        Run(ObjectNode prompt, ExecutionContext context) {
            this.prompt = prompt;
            this.context = context;
        }

        Object[] evaluate(String id) throws NodeExecutionException, ExecutionCancelledException {
            Object[] done = results.get(id);
            if (done != null) {
                return done;
            }
            JsonNode node = prompt.get(id);
            String classType = node.get("class_type").asText();
            if (!inProgress.add(id)) {
                throw new NodeExecutionException(id, classType, "invalid_prompt",
                        "Node " + id + " (" + classType + ") depends on itself through a cycle of links.");
            }
            Map<String, Object> inputs = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("inputs").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> input = it.next();
                inputs.put(input.getKey(), resolve(id, classType, input.getKey(), input.getValue()));
            }
            if (context.cancelRequested()) {
                throw new ExecutionCancelledException();
            }
            NodeCall call = new NodeCall(id, classType, inputs, prompt, context, saveCounters);
            Object[] outputs;
            try {
                outputs = types.get(classType).run(call);
            } catch (NodeCall.InputProblem e) {
                throw new NodeExecutionException(id, classType, "invalid_input",
                        "Node " + id + " (" + classType + "): " + e.getMessage() + ".");
            } catch (NodeExecutionException | ExecutionCancelledException e) {
                throw e;
            } catch (IOException e) {
                throw new NodeExecutionException(id, classType, "io_error",
                        "Node " + id + " (" + classType + ") failed: " + e.getMessage());
            } catch (RuntimeException | OutOfMemoryError e) {
                throw new NodeExecutionException(id, classType, e.getClass().getSimpleName(),
                        "Node " + id + " (" + classType + ") failed: " + e);
            } catch (Exception e) {
                throw new NodeExecutionException(id, classType, e.getClass().getSimpleName(),
                        "Node " + id + " (" + classType + ") failed: " + e.getMessage());
            }
            inProgress.remove(id);
            if (outputs.length == 1 && outputs[0] instanceof UiOutput u) {
                ui.put(id, u.json());
                outputs = new Object[0];
            }
            results.put(id, outputs);
            return outputs;
        }

        private Object resolve(String id, String classType, String key, JsonNode value)
                throws NodeExecutionException, ExecutionCancelledException {
            if (!isLink(value)) {
                return value;
            }
            String from = value.get(0).asText();
            int slot = value.get(1).intValue();
            if (!prompt.has(from)) {
                throw new NodeExecutionException(id, classType, "invalid_prompt",
                        "Node " + id + " (" + classType + "): input \"" + key + "\" is linked to node " + from
                                + ", which is not in the workflow.");
            }
            Object[] outputs = evaluate(from);
            if (slot < 0 || slot >= outputs.length) {
                throw new NodeExecutionException(id, classType, "invalid_prompt",
                        "Node " + id + " (" + classType + "): input \"" + key + "\" is linked to output " + slot
                                + " of node " + from + " (" + prompt.get(from).get("class_type").asText()
                                + "), which has " + outputs.length + " output(s).");
            }
            return outputs[slot];
        }
    }

    /** ComfyUI's rule: a two-element list of a node id string and an output index is a link. */
    static boolean isLink(JsonNode value) {
        return value.isArray() && value.size() == 2 && value.get(0).isTextual() && value.get(1).isIntegralNumber();
    }

    /** What an output node returns: the JSON ComfyUI's history would list for it. */
    record UiOutput(ObjectNode json) {
    }
}
