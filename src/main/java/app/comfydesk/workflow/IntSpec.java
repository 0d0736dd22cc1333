package app.comfydesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;

/**
 * An {@code INT} widget. Bounds are exact integers; the {@code 1.8446744073709552e+19} / {@code 18446744073709552000}
 * that Python writes for 0xffffffffffffffff are read as 2^64-1 (see {@link SpecParser}).
 *
 * @param defaultValue         the schema default as written, or null
 * @param min                  inclusive lower bound, or null
 * @param max                  inclusive upper bound, or null
 * @param step                 widget step, or null
 * @param controlAfterGenerate {@code control_after_generate} as written ("true", "false", "fixed", "randomize",
 *                             ...), or null when absent
 */
public record IntSpec(String name, boolean optional, String tooltip, JsonNode defaultValue, BigInteger min,
                      BigInteger max, BigInteger step, String controlAfterGenerate) implements InputSpec {

    /** The schema asks for a fixed/randomize/increment control after each run (ComfyUI's seed widget). */
    public boolean hasControlAfterGenerate() {
        return controlAfterGenerate != null && !controlAfterGenerate.equals("false");
    }
}
