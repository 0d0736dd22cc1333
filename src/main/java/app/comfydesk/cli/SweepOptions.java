package app.comfydesk.cli;

import app.comfydesk.workflow.SeedMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code run}'s sweep options: axes, the in-flight limit, the contact sheet and the wildcards folder. */
final class SweepOptions {

    /** Most unfinished jobs a sweep may be told to keep at once. */
    static final int MAX_IN_FLIGHT = 100;

    @Option(names = "--sweep", paramLabel = "NODE.INPUT=VALUES", description = {
        "Make the input an axis (repeatable, up to 3: X, Y, Z) and submit every combination. VALUES: a,b,c "
            + "(JSON literals as in --set), from..to:step, from..to#count, S/R:word,other,... (search and "
            + "replace in the text) or ALL:{a|b} prompt (every combination of a dynamic prompt)."})
    List<String> axes = new ArrayList<>();

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "4",
            description = "With --sweep: at most N unfinished jobs at once (1.." + MAX_IN_FLIGHT
                    + ", default: ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--contact-sheet", paramLabel = "FILE.png",
            description = "With --sweep: write the labelled grid of all results here when every job has ended")
    Path contactSheet;

    @Option(names = "--wildcards", paramLabel = "DIR",
            description = "With --sweep: the folder __name__ in a dynamic prompt reads name.txt from")
    Path wildcards;

    @Option(names = "--runs-per-cell", paramLabel = "N", defaultValue = "1",
            description = "With --sweep: submit each cell N times (default: ${DEFAULT-VALUE})")
    int runsPerCell;

    @Option(names = "--seed-mode", paramLabel = "MODE", defaultValue = "fixed",
            description = "With --sweep: the seeds of run n of every cell: fixed (as the workflow and --set give "
                    + "them), increment (+n) or random (drawn once per run, shared by all cells); "
                    + "default: ${DEFAULT-VALUE}")
    String seedMode;

    /** The seed mode named by {@code --seed-mode}. */
    SeedMode seedMode() {
        return switch (seedMode.strip().toLowerCase(Locale.ROOT)) {
            case "fixed" -> SeedMode.FIXED;
            case "increment" -> SeedMode.INCREMENT;
            case "random" -> SeedMode.RANDOM;
            default -> throw new CliFailure(ExitCodes.INVALID_INPUT, "--seed-mode " + seedMode + ": use fixed, "
                    + "increment or random");
        };
    }

    boolean active() {
        return !axes.isEmpty();
    }
}
