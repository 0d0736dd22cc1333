package app.comfydesk.ui.workflow;

import app.comfydesk.workflow.FieldKind;
import app.comfydesk.workflow.SeedMode;
import java.math.BigInteger;
import java.util.function.Consumer;

/** "Use this seed": a job's seed back into the form's (first) seed input, its mode fixed so it stays. */
public final class SeedReuse {

    private SeedReuse() {
    }

    /** Puts {@code seed} into the form; {@code say} hears the outcome in words. */
    public static void use(WorkflowFormModel form, String seed, Consumer<String> say) {
        BigInteger value = JsonValues.parseInteger(seed);
        if (value == null || value.signum() < 0 || value.compareTo(JsonValues.UINT64_MAX) > 0) {
            say.accept("The job's seed " + seed + " is not a whole number from 0 to " + JsonValues.UINT64_MAX + ".");
            return;
        }
        var seeds = form.seedModes().keySet().stream().map(form::field).flatMap(java.util.Optional::stream)
                .filter(field -> field.kind() == FieldKind.SEED).toList();
        if (seeds.isEmpty()) {
            say.accept(form.getDocument() == null ? "Open a workflow first, then use the seed."
                    : "This workflow has no seed input to put the seed into.");
            return;
        }
        FieldModel field = seeds.get(0);
        field.valueProperty().set(JsonValues.integer(value));
        field.seedModeProperty().set(SeedMode.FIXED);
        say.accept("Seed " + value + " is in " + field.descriptor().ref() + ", fixed: Generate makes that picture "
                + "again.");
    }
}
