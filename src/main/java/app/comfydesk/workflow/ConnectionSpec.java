package app.comfydesk.workflow;

import java.util.List;

/**
 * An input that takes another node's output: {@code MODEL}, {@code IMAGE}, {@code *} (anything), or several types
 * written {@code "A,B"} (split here). Also used for primitives marked {@code forceInput}.
 */
public record ConnectionSpec(String name, boolean optional, String tooltip, List<String> types) implements InputSpec {

    public ConnectionSpec {
        types = List.copyOf(types);
    }

    public boolean acceptsAnyType() {
        return types.contains("*");
    }
}
