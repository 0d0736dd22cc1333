package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * A {@code FLOAT} widget with exact decimal bounds.
 *
 * @param round the precision ComfyUI rounds to, or null (absent or {@code false})
 */
public record FloatSpec(String name, boolean optional, String tooltip, JsonNode defaultValue, BigDecimal min,
                        BigDecimal max, BigDecimal step, BigDecimal round) implements InputSpec {
}
