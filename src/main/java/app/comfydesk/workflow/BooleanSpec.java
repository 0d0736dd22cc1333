package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code BOOLEAN} toggle; the labels are what ComfyUI shows for on/off, or null. */
public record BooleanSpec(String name, boolean optional, String tooltip, JsonNode defaultValue, String labelOn,
                          String labelOff) implements InputSpec {
}
