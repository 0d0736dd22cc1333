package app.comfydesk.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of an API-format workflow.
 *
 * @param id        the key in workflow_api.json; any string ("6", "92:9", "sampler")
 * @param classType {@code class_type}
 * @param title     {@code _meta.title}, or null when the file has none
 * @param inputs    the {@code inputs} object in file order
 */
public record Node(String id, String classType, String title, List<Input> inputs) {

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(classType, "classType");
        inputs = List.copyOf(inputs);
    }

    /** What to show the user: the title the workflow author gave, else the class type. */
    public String displayTitle() {
        return title == null || title.isBlank() ? classType : title;
    }

    // A linear scan: nodes have tens of inputs at most, and a record cannot carry a private index.
    public Optional<Input> input(String key) {
        for (Input input : inputs) {
            if (input.key().equals(key)) {
                return Optional.of(input);
            }
        }
        return Optional.empty();
    }

    public InputRef ref(String key) {
        return new InputRef(id, key);
    }
}
