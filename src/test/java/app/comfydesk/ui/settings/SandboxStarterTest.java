package app.comfydesk.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's sandbox keeps its base URL across restarts, so jobs stored against it can resume. */
class SandboxStarterTest {

    @TempDir
    Path home;

    @Test
    void restartingOnTheSameHomeGivesTheSameBaseUrl() throws Exception {
        SandboxStarter starter = new SandboxStarter(home);
        URI first;
        try (SandboxStarter.Running running = starter.start()) {
            first = running.server().baseUri();
            assertThat(statusOf(running, first)).isEqualTo(404); // answered: the server really listens
        }
        try (SandboxStarter.Running again = new SandboxStarter(home).start()) {
            assertThat(again.server().baseUri()).isEqualTo(first);
            assertThat(again.profile().baseUrl()).isEqualTo(first.toString());
            assertThat(statusOf(again, first)).isEqualTo(404);
        }
    }

    @Test
    void aTakenRememberedPortFallsBackToAFreeOneAndRemembersIt() throws Exception {
        int remembered;
        try (SandboxStarter.Running running = new SandboxStarter(home).start()) {
            remembered = running.server().baseUri().getPort();
        }
        try (ServerSocket squatter = occupy(remembered);
             SandboxStarter.Running running = new SandboxStarter(home).start()) {
            URI base = running.server().baseUri();
            assertThat(base.getPort()).isNotEqualTo(remembered).isPositive();
            assertThat(statusOf(running, base)).isEqualTo(404);
            assertThat(Files.readString(home.resolve(SandboxStarter.PORT_FILE)).trim())
                    .isEqualTo(String.valueOf(base.getPort()));
        }
    }

    /** The closed sandbox's socket may linger for a moment on a busy machine: wait (Awaitility) until it binds. */
    private static ServerSocket occupy(int port) {
        return org.awaitility.Awaitility.await("port " + port + " is free again").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> bindOrNull(port), java.util.Objects::nonNull);
    }

    private static ServerSocket bindOrNull(int port) throws java.io.IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        try {
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            return socket;
        } catch (java.net.BindException stillHeld) {
            socket.close();
            return null;
        }
    }

    private static int statusOf(SandboxStarter.Running running, URI base) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(base.resolve("/prod/v1/deployments/nope/requests/x/status"))
                        .header("Authorization", "Bearer " + running.server().token()).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
