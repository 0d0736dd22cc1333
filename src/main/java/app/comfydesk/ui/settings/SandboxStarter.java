package app.comfydesk.ui.settings;

import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts the built-in sandbox for the app (blocking: run it in the background) and describes it as a profile.
 * The sample deployment is the text-to-image one, so a newcomer can generate at once.
 */
public final class SandboxStarter {

    public static final String SAMPLE_DEPLOYMENT = "sample-txt2img";

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
        SandboxServer server = SandboxServer.start(SandboxConfig.builder(home).build());
        return new Running(server, Profile.sandbox(server.baseUri().toString(), SAMPLE_DEPLOYMENT));
    }
}
