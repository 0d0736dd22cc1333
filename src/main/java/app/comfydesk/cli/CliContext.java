package app.comfydesk.cli;

import app.comfydesk.api.RetryPolicy;
import app.comfydesk.api.RunComfyClient;
import app.comfydesk.jobs.AppDirectories;
import app.comfydesk.jobs.ClientFactory;
import app.comfydesk.jobs.EngineSettings;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What commands need from the outside world, injected so tests run in-process: the environment (for
 * {@code RUNCOMFY_TOKEN}, {@code COMFY_ORG_API_KEY}), the folders (job database) and a hook to tune engine settings.
 */
record CliContext(Map<String, String> env, AppDirectories directories, UnaryOperator<EngineSettings> tuning) {

    static final String TOKEN_VARIABLE = "RUNCOMFY_TOKEN";
    static final String COMFY_ORG_KEY_VARIABLE = "COMFY_ORG_API_KEY";

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

    /** The Comfy Org key for API nodes from the environment, or null (it is never taken from an argument). */
    String comfyOrgKey() {
        String key = env.get(COMFY_ORG_KEY_VARIABLE);
        return key == null || key.isBlank() ? null : key.trim();
    }

    /** Clients that send the command line's own token (never stored) with the default retries. */
    static ClientFactory clients(String token) {
        return target -> new RunComfyClient(target.endpoint(), () -> token, RetryPolicy.defaults());
    }

    static void line(PrintWriter out, String json) {
        out.println(json);
        out.flush();
    }
}
