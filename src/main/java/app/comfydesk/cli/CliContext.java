package app.comfydesk.cli;

import app.comfydesk.jobs.AppDirectories;
import app.comfydesk.jobs.EngineSettings;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What commands need from the outside world, injected so tests run in-process: the environment (for
 * {@code RUNCOMFY_TOKEN}), the folders (job database) and a hook to tune engine settings.
 */
record CliContext(Map<String, String> env, AppDirectories directories, UnaryOperator<EngineSettings> tuning) {

    static final String TOKEN_VARIABLE = "RUNCOMFY_TOKEN";

    static CliContext system() {
        return new CliContext(System.getenv(), AppDirectories.detect(), UnaryOperator.identity());
    }

    /** The token from the environment, or an invalid-input failure saying how to set it. */
    String token() {
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new CliFailure(ExitCodes.INVALID_INPUT, "The environment variable " + TOKEN_VARIABLE + " is not "
                    + "set: export RUNCOMFY_TOKEN=<your RunComfy API token> (it is never taken from an argument)");
        }
        return token.trim();
    }

    static void line(PrintWriter out, String json) {
        out.println(json);
        out.flush();
    }
}
