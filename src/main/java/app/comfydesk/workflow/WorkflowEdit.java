package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's edits to a workflow, immutable: every change returns a new edit. It answers what the form shows
 * ({@link #value}, {@link #isChanged}), what RunComfy's submit takes ({@link #overrides()} for the deployment's saved
 * workflow, {@link #appliedWorkflow()} for the dynamic {@code workflow_api_json} mode) and what is wrong
 * ({@link #validate()}).
 *
 * <p>Equality is by JSON value, numbers exactly: setting 20 where the workflow has 20.0 is no change (and sends no
 * override), so retyping a number never produces a spurious edit; the workflow's own text is what runs.
 *
 * <p>Edits of unknown nodes/inputs and of linked inputs are kept (so nothing the user did is silently dropped) and
 * reported as errors by {@link #validate()}; they never reach {@link #overrides()} or {@link #appliedWorkflow()}
 * except that an unknown input key of an existing node is passed on, because the server decides about it.
 */
public final class WorkflowEdit {

    private final Workflow workflow;
    private final NodeSchemas schemas;
    /** The deployment's own object_info when one was loaded (null: only the built-in core schema is known). */
    private final NodeSchemas loadedSchemas;
    private final Map<InputRef, JsonNode> edits;

    public WorkflowEdit(Workflow workflow) {
        this(workflow, null);
    }

    /** @param schemas the deployment's object_info, or null; the built-in core schema fills the gaps */
    public WorkflowEdit(Workflow workflow, NodeSchemas schemas) {
        this(Objects.requireNonNull(workflow, "workflow"), NodeSchemas.effective(schemas), schemas, Map.of());
    }

    private WorkflowEdit(Workflow workflow, NodeSchemas effectiveSchemas, NodeSchemas loadedSchemas,
                         Map<InputRef, JsonNode> edits) {
        this.workflow = workflow;
        this.schemas = effectiveSchemas;
        this.loadedSchemas = loadedSchemas;
        this.edits = edits;
    }

    /**
     * Rebuilds the edits an overrides object describes ({@code {"<id>": {"inputs": {...}}}}), e.g. to reopen a past
     * job's settings. Entries that are not objects are ignored.
     */
    public static WorkflowEdit fromOverrides(Workflow workflow, NodeSchemas schemas, JsonNode overrides) {
        Map<InputRef, JsonNode> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> nodes = overrides.fields(); nodes.hasNext(); ) {
            Map.Entry<String, JsonNode> node = nodes.next();
            JsonNode inputs = node.getValue().path("inputs");
            for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> input = it.next();
                values.put(new InputRef(node.getKey(), input.getKey()), input.getValue());
            }
        }
        return new WorkflowEdit(workflow, schemas).withAll(values);
    }

    public Workflow workflow() {
        return workflow;
    }

    /** The schemas validation uses: the ones given, backed by the built-in core schema. */
    public NodeSchemas schemas() {
        return schemas;
    }

    /** Sets one input. A value equal to the workflow's own removes the edit instead. */
    public WorkflowEdit with(InputRef ref, JsonNode value) {
        return withAll(Map.of(ref, value));
    }

    /** Sets many inputs at once (one copy of the edit map, however many values). */
    public WorkflowEdit withAll(Map<InputRef, ? extends JsonNode> values) {
        Map<InputRef, JsonNode> next = new LinkedHashMap<>(edits);
        values.forEach((ref, value) -> {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(value, "value (use NullNode for JSON null)");
            Optional<Input> input = workflow.input(ref);
            boolean unchanged = input.isPresent() && ExactJson.sameValue(current(input.get()), value);
            if (unchanged) {
                next.remove(ref);
            } else {
                next.put(ref, value.isContainerNode() ? value.deepCopy() : value);
            }
        });
        return new WorkflowEdit(workflow, schemas, loadedSchemas, Collections.unmodifiableMap(next));
    }

    public WorkflowEdit reset(InputRef ref) {
        if (!edits.containsKey(ref)) {
            return this;
        }
        Map<InputRef, JsonNode> next = new LinkedHashMap<>(edits);
        next.remove(ref);
        return new WorkflowEdit(workflow, schemas, loadedSchemas, Collections.unmodifiableMap(next));
    }

    public WorkflowEdit resetAll() {
        return edits.isEmpty() ? this : new WorkflowEdit(workflow, schemas, loadedSchemas, Map.of());
    }

    /**
     * The current value: the edit, else the workflow's literal, else the link as {@code ["id", n]}; a
     * {@link MissingNode} for an input that exists nowhere.
     */
    public JsonNode value(InputRef ref) {
        JsonNode edited = edits.get(ref);
        if (edited != null) {
            return copy(edited);
        }
        return original(ref);
    }

    /** The workflow's own value, ignoring edits; MissingNode when the input does not exist. */
    public JsonNode original(InputRef ref) {
        return workflow.input(ref).map(input -> input.value().toJson()).orElse(MissingNode.getInstance());
    }

    public boolean isChanged(InputRef ref) {
        return edits.containsKey(ref);
    }

    public boolean hasChanges() {
        return !edits.isEmpty();
    }

    /** Every edit, in workflow order (node, then input); edits of unknown inputs come last. */
    public Map<InputRef, JsonNode> changes() {
        Map<InputRef, JsonNode> ordered = new LinkedHashMap<>();
        for (InputRef ref : orderedRefs()) {
            ordered.put(ref, copy(edits.get(ref)));
        }
        return Collections.unmodifiableMap(ordered);
    }

    /**
     * RunComfy's {@code overrides}: {@code {"<id>": {"inputs": {"<key>": value}}}} holding only values that differ
     * from the workflow. Edits of missing nodes and of linked inputs are left out (validate() reports them).
     */
    public ObjectNode overrides() {
        ObjectNode overrides = ExactJson.NODES.objectNode();
        for (InputRef ref : orderedRefs()) {
            if (!isSendable(ref)) {
                continue;
            }
            ObjectNode node = overrides.has(ref.nodeId()) ? (ObjectNode) overrides.get(ref.nodeId())
                    : overrides.putObject(ref.nodeId());
            ObjectNode inputs = node.has("inputs") ? (ObjectNode) node.get("inputs") : node.putObject("inputs");
            inputs.set(ref.key(), copy(edits.get(ref)));
        }
        return overrides;
    }

    /** The whole workflow with the edits applied, exact everywhere else; for {@code workflow_api_json}. */
    public ObjectNode appliedWorkflow() {
        ObjectNode applied = workflow.toObjectNode();
        for (InputRef ref : orderedRefs()) {
            if (isSendable(ref)) {
                ((ObjectNode) applied.get(ref.nodeId()).get("inputs")).set(ref.key(), copy(edits.get(ref)));
            }
        }
        return applied;
    }

    /** Problems of the edits (the workflow's own values are what the deployment runs and are not judged). */
    public List<ValidationProblem> validate() {
        List<ValidationProblem> problems = new ArrayList<>();
        for (InputRef ref : orderedRefs()) {
            EditValidator.validate(workflow, schemas, ref, edits.get(ref), problems);
        }
        if (loadedSchemas != null) {
            EditValidator.uneditedChoices(workflow, loadedSchemas, edits.keySet(), problems);
        }
        return problems;
    }

    /** True when some problem blocks submitting. */
    public boolean hasErrors() {
        return validate().stream().anyMatch(problem -> problem.severity().blocksSubmit());
    }

    private boolean isSendable(InputRef ref) {
        Optional<Node> node = workflow.node(ref.nodeId());
        if (node.isEmpty()) {
            return false;
        }
        Optional<Input> input = node.get().input(ref.key());
        return input.isEmpty() || !input.get().isLink();
    }

    private List<InputRef> orderedRefs() {
        List<InputRef> refs = new ArrayList<>(edits.keySet());
        refs.sort(Comparator.comparingInt((InputRef ref) -> nodeOrder(ref)).thenComparingInt(this::inputOrder));
        return refs;
    }

    private int nodeOrder(InputRef ref) {
        int position = workflow.position(ref.nodeId());
        return position < 0 ? Integer.MAX_VALUE : position;
    }

    private int inputOrder(InputRef ref) {
        Optional<Node> node = workflow.node(ref.nodeId());
        if (node.isPresent()) {
            List<Input> inputs = node.get().inputs();
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.get(i).key().equals(ref.key())) {
                    return i;
                }
            }
        }
        return Integer.MAX_VALUE; // List.sort is stable: unknown inputs keep the order they were edited in
    }

    /** The workflow's value without copying literals (a link as its ["id", n] form). */
    private static JsonNode current(Input input) {
        return input.value() instanceof InputValue.Literal literal ? literal.raw() : input.value().toJson();
    }

    private static JsonNode copy(JsonNode value) {
        return value.isContainerNode() ? value.deepCopy() : value;
    }

    @Override
    public String toString() {
        return "WorkflowEdit[" + edits.size() + " changes of " + workflow + "]";
    }
}
