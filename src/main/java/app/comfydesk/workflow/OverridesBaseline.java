package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What overrides are measured against: a deployment's stored workflow with its default overrides applied (RunComfy
 * applies a default when a request sends none for that input). {@link #overridesFor} turns any graph into the
 * overrides that make the stored one run as that graph: every input whose value differs, exactly as written. A graph
 * that has nodes or inputs the stored workflow lacks cannot be expressed as overrides: that is a
 * {@link Mismatch} naming each of them, whose way out is to send the full workflow instead.
 */
public final class OverridesBaseline {

    private final Workflow stored;
    private final ObjectNode defaults;

    /** {@code defaultOverrides}: {@code {"<id>": {"inputs": {...}}}}, or null for none. */
    public OverridesBaseline(Workflow stored, JsonNode defaultOverrides) {
        this.stored = Objects.requireNonNull(stored, "stored");
        this.defaults = defaultOverrides instanceof ObjectNode o ? o.deepCopy() : ExactJson.NODES.objectNode();
    }

    public Workflow stored() {
        return stored;
    }

    /** The value an input has when a request sends no override for it: the default override, else the stored one. */
    public JsonNode baseline(InputRef ref) {
        JsonNode def = defaults.path(ref.nodeId()).path("inputs").get(ref.key());
        if (def != null) {
            return def;
        }
        return stored.input(ref).map(i -> i.value().toJson()).orElse(null);
    }

    /** Thrown when a graph has nodes or inputs the stored workflow lacks; {@link #problems()} names each one. */
    public static final class Mismatch extends Exception {
        private final transient List<String> problems;

        Mismatch(List<String> problems) {
            super("The deployment's stored workflow " + String.join("; ", problems) + ". Overrides can only change "
                    + "inputs the stored workflow has: send the full workflow instead (dynamic mode), or update the "
                    + "deployment's workflow on RunComfy.");
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /**
     * The overrides that make the stored workflow run as {@code graph}: {@code {"<id>": {"inputs": {"<key>": v}}}}
     * for every input of {@code graph} whose value (literal or link) differs from {@link #baseline}; numbers are
     * compared by exact value and sent exactly as {@code graph} writes them.
     */
    public ObjectNode overridesFor(Workflow graph) throws Mismatch {
        return overridesFor(graph, ref -> graph.input(ref).map(i -> i.value().toJson()).orElse(null));
    }

    /**
     * The same for a form's edit, without writing its graph out and reading it back: the edit's graph, with each
     * input's current value ({@link WorkflowEdit#value}).
     */
    public ObjectNode overridesFor(WorkflowEdit edit) throws Mismatch {
        return overridesFor(edit.workflow(), edit::value);
    }

    /** Only the nodes and inputs {@code graph} has that the stored workflow lacks; empty when overrides can work. */
    public List<String> problemsOf(Workflow graph) {
        try {
            overridesFor(graph);
            return List.of();
        } catch (Mismatch e) {
            return e.problems();
        }
    }

    private ObjectNode overridesFor(Workflow graph, java.util.function.Function<InputRef, JsonNode> valueOf)
            throws Mismatch {
        List<String> problems = new ArrayList<>();
        ObjectNode overrides = ExactJson.NODES.objectNode();
        for (Node node : graph.nodes()) {
            Node base = stored.node(node.id()).orElse(null);
            if (base == null) {
                problems.add("has no node " + node.id() + " (" + node.classType() + ")");
                continue;
            }
            if (!base.classType().equals(node.classType())) {
                problems.add("has node " + node.id() + " as a " + base.classType() + ", not a " + node.classType());
                continue;
            }
            for (Input input : node.inputs()) {
                InputRef ref = node.ref(input.key());
                if (base.input(input.key()).isEmpty() && !hasDefault(ref)) {
                    problems.add("has no input '" + input.key() + "' on node " + node.id() + " ("
                            + node.classType() + ")");
                    continue;
                }
                JsonNode value = valueOf.apply(ref);
                if (!ExactJson.sameValue(value, baseline(ref))) {
                    ObjectNode entry = overrides.has(node.id()) ? (ObjectNode) overrides.get(node.id())
                            : overrides.putObject(node.id());
                    ObjectNode inputs = entry.has("inputs") ? (ObjectNode) entry.get("inputs")
                            : entry.putObject("inputs");
                    inputs.set(input.key(), value);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Mismatch(problems);
        }
        return overrides;
    }

    private boolean hasDefault(InputRef ref) {
        return defaults.path(ref.nodeId()).path("inputs").has(ref.key());
    }
}
