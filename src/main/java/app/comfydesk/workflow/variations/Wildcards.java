package app.comfydesk.workflow.variations;

import java.util.List;
import java.util.Map;

/** Where {@code __name__} in a dynamic prompt finds its lines. */
@FunctionalInterface
public interface Wildcards {

    /**
     * The usable lines of wildcard {@code name} (not blank, not a {@code #} comment), never empty.
     *
     * @throws VariationException naming the wildcard when there is no such file or it cannot be used
     */
    List<String> lines(String name);

    /** No wildcards folder: every {@code __name__} is an error that says so. */
    static Wildcards none() {
        return name -> {
            throw new VariationException("__" + name + "__: no wildcards folder is set, so wildcards cannot be used");
        };
    }

    /** Fixed wildcards, for tests and for previews. */
    static Wildcards of(Map<String, List<String>> files) {
        Map<String, List<String>> copy = Map.copyOf(files);
        return name -> {
            List<String> lines = copy.get(name);
            if (lines == null || lines.isEmpty()) {
                throw new VariationException("__" + name + "__: there is no wildcard file " + name + ".txt");
            }
            return lines;
        };
    }
}
