package app.comfydesk.workflow.variations;

import app.comfydesk.workflow.FieldDescriptor;
import app.comfydesk.workflow.FieldKind;
import app.comfydesk.workflow.FormFields;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.Seeds;
import app.comfydesk.workflow.WorkflowEdit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands the dynamic prompts of an edit just before it is sent: every prompt input (text widgets) whose value has
 * variants or wildcards gets one expansion chosen by the run's seed (the first seed input's value after the seed
 * modes, 0 when the workflow has none), so a job can be reproduced from its seed and the text.
 */
public final class DynamicPrompts {

    private DynamicPrompts() {
    }

    /** The edit with its dynamic prompt inputs expanded; the same edit when it has none. */
    public static WorkflowEdit expand(WorkflowEdit edit, Wildcards wildcards) {
        long seed = runSeed(edit).longValue();
        Map<InputRef, JsonNode> values = new LinkedHashMap<>();
        for (List<FieldDescriptor> fields : FormFields.describe(edit.workflow(), edit.schemas()).values()) {
            for (FieldDescriptor field : fields) {
                if (field.kind() != FieldKind.TEXT) {
                    continue;
                }
                JsonNode value = edit.value(field.ref());
                if (value.isTextual() && DynamicPrompt.isDynamic(value.asText())) {
                    try {
                        values.put(field.ref(), TextNode.valueOf(DynamicPrompt.parse(value.asText())
                                .expand(seed, wildcards)));
                    } catch (VariationException e) {
                        throw new VariationException(field.ref() + ": " + e.getMessage());
                    }
                }
            }
        }
        return values.isEmpty() ? edit : edit.withAll(values);
    }

    /** The value of the edit's first integer seed input, or 0. */
    public static BigInteger runSeed(WorkflowEdit edit) {
        for (InputRef ref : Seeds.find(edit.workflow(), edit.schemas())) {
            JsonNode value = edit.value(ref);
            if (value.isIntegralNumber()) {
                return value.bigIntegerValue();
            }
        }
        return BigInteger.ZERO;
    }
}
