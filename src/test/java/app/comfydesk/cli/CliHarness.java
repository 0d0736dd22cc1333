package app.comfydesk.cli;

import app.comfydesk.jobs.AppDirectories;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Runs the command line in-process with its own environment and data folder, for benchmarks outside this package. */
public final class CliHarness {

    private CliHarness() {
    }

    public static int execute(Map<String, String> env, Path home, PrintWriter out, PrintWriter err, String... args) {
        return ComfyDeskCli.execute(new CliContext(env, AppDirectories.under(home), UnaryOperator.identity()), out,
                err, args);
    }
}
