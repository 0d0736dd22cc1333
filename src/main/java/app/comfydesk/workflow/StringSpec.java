package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code STRING} widget.
 *
 * @param multiline      a text area rather than a one-line field (prompts)
 * @param dynamicPrompts ComfyUI expands {@code {a|b}} in it
 * @param placeholder    hint text, or null
 */
public record StringSpec(String name, boolean optional, String tooltip, JsonNode defaultValue, boolean multiline,
                         boolean dynamicPrompts, String placeholder) implements InputSpec {
}
