package app.comfydesk.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.comfydesk.ui.common.UserFacingException;
import java.net.InetAddress;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiConnectionTesterTest {

    private final MockWebServer server = new MockWebServer();
    private Profile profile;

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
        String base = server.url("/").toString();
        profile = new Profile(null, "Test", base, "v1", "dep-9", null, false, null, null, false);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void notFoundForAMadeUpRequestMeansTheTokenWasAccepted() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404)
                .body("{\"error_code\":\"NOT_FOUND\",\"message\":\"request not found\"}").build());
        assertThat(new ApiConnectionTester().test(profile, "tok-1")).startsWith("Connected");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath())
                .isEqualTo("/prod/v1/deployments/dep-9/requests/comfydesk-connection-test/status");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
    }

    @Test
    void unauthorizedIsSaidInWords() {
        server.enqueue(new MockResponse.Builder().code(401).body("{\"message\":\"bad token\"}").build());
        assertThatThrownBy(() -> new ApiConnectionTester().test(profile, "wrong"))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("token was rejected (401");
    }

    @Test
    void aServerThatIsNotThereIsANetworkErrorInWords() {
        server.close();
        assertThatThrownBy(() -> new ApiConnectionTester().test(profile, "tok"))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("Could not reach the server")
                .satisfies(error -> assertThat(error.getMessage().toLowerCase(java.util.Locale.ROOT)
                        .split("check the base url", -1)).as("the advice once: %s", error.getMessage()).hasSize(2));
    }
}
