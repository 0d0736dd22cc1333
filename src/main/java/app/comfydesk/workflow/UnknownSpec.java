package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A spec this version cannot classify (a bare string, a V3 dynamic group, a socketless custom widget, ...). The
 * form falls back to the value's own JSON type.
 *
 * @param raw    the spec as written, for diagnostics
 * @param reason why it is unknown, in a few words
 */
public record UnknownSpec(String name, boolean optional, String tooltip, JsonNode raw, String reason)
        implements InputSpec {
}
