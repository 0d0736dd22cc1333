package app.comfydesk.ui.settings;

import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts the built-in sandbox for the app (blocking: run it in the background) and describes it as a profile.
 * The sample deployment is the text-to-image one, so a newcomer can generate at once.
 *
 * <p>Jobs store the base URL they were submitted to, so the app's sandbox keeps its port across launches: the port
 * it got is remembered in {@code <home>/app-port} and tried first next time (another port only when that one is
 * taken). The command-line sandbox ({@code comfydesk sandbox}, port 8189 by default) may share the home; it never
 * reads or writes this file.
 */
public final class SandboxStarter {

    public static final String SAMPLE_DEPLOYMENT = "sample-txt2img";
    /** The file in the sandbox home that remembers the app's sandbox port. */
    public static final String PORT_FILE = "app-port";

    private final Path home;

    public SandboxStarter(Path home) {
        this.home = home;
    }

    /** A started sandbox and the profile that points at it. */
    public record Running(SandboxServer server, Profile profile) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    public Running start() throws IOException {
        SandboxServer server = SandboxServer.startRememberingPort(SandboxConfig.builder(home).build(),
                home.resolve(PORT_FILE));
        return new Running(server, Profile.sandbox(server.baseUri().toString(), SAMPLE_DEPLOYMENT));
    }
}
