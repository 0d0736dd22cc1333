package app.comfydesk.workflow.variations;

import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.Node;
import app.comfydesk.workflow.WorkflowEdit;
import java.util.List;
import java.util.Objects;

/**
 * One axis of a sweep: the input it varies, the text it was written as (kept to save and show the definition) and
 * its values in order.
 */
public record SweepAxis(InputRef ref, String definition, List<AxisValue> values) {

    public SweepAxis {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(definition, "definition");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new VariationException(ref + ": an axis needs at least one value");
        }
    }

    /** Parses {@code definition} (see {@link AxisGrammar}) for the input {@code ref} of the base edit. */
    public static SweepAxis parse(WorkflowEdit base, InputRef ref, String definition, Wildcards wildcards) {
        String classType = base.workflow().node(ref.nodeId()).map(Node::classType).orElse(null);
        var spec = classType == null ? null : base.schemas().spec(classType, ref.key()).orElse(null);
        return new SweepAxis(ref, definition, AxisGrammar.parse(ref.toString(), definition, spec, base.value(ref),
                wildcards));
    }

    public int size() {
        return values.size();
    }
}
