package app.comfydesk.ui.sweep;

import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.SeedMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the seeds of a sweep's runs are chosen (the inputs on an axis keep their axis values). */
public enum SeedPolicy {
    FORM("Seeds as the form says"),
    FIXED("Same seeds everywhere"),
    INCREMENT("Seed +1 per run"),
    RANDOM("New random seed per run");

    private final String text;

    SeedPolicy(String text) {
        this.text = text;
    }

    /** The seed mode of every seed input under this policy, given the form's own modes. */
    public Map<InputRef, SeedMode> modes(Map<InputRef, SeedMode> formModes) {
        Map<InputRef, SeedMode> modes = new LinkedHashMap<>();
        formModes.forEach((ref, mode) -> modes.put(ref, switch (this) {
            case FORM -> mode;
            case FIXED -> SeedMode.FIXED;
            case INCREMENT -> SeedMode.INCREMENT;
            case RANDOM -> SeedMode.RANDOM;
        }));
        return modes;
    }

    /** The name saved with a sweep definition. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SeedPolicy fromJson(String name) {
        for (SeedPolicy policy : values()) {
            if (policy.jsonName().equals(name)) {
                return policy;
            }
        }
        return FORM;
    }

    @Override
    public String toString() {
        return text;
    }
}
