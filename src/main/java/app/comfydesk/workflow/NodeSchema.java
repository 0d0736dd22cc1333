package app.comfydesk.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One class of object_info.json.
 *
 * @param inputs      required then optional inputs, each section in {@code input_order} when the file has it;
 *                    hidden inputs (prompt, extra_pnginfo, unique_id) are filled in by the server and left out
 * @param outputTypes {@code output}: the type of each output slot ("IMAGE", "CONDITIONING", ...)
 * @param outputNames {@code output_name}, same length as outputTypes when the file is consistent
 */
public record NodeSchema(String classType, String displayName, String category, List<InputSpec> inputs,
                         List<String> outputTypes, List<String> outputNames, boolean outputNode) {

    public NodeSchema {
        Objects.requireNonNull(classType, "classType");
        inputs = List.copyOf(inputs);
        outputTypes = List.copyOf(outputTypes);
        outputNames = List.copyOf(outputNames);
    }

    public Optional<InputSpec> input(String name) {
        for (InputSpec spec : inputs) {
            if (spec.name().equals(name)) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }
}
