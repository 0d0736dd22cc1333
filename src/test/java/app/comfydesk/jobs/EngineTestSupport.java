package app.comfydesk.jobs;

import app.comfydesk.api.ApiJson;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.ClientTimeouts;
import app.comfydesk.api.Delayer;
import app.comfydesk.api.RetryPolicy;
import app.comfydesk.api.RunComfyClient;
import app.comfydesk.api.SubmitRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockWebServer;
import org.awaitility.Awaitility;

/** Fast settings and small helpers shared by the engine tests. */
final class EngineTestSupport {

    static final String TOKEN = "rc_live_TOKEN_abcdef0123456789";

    private EngineTestSupport() {
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    static EngineSettings fastSettings(Path outputRoot) {
        return new EngineSettings(outputRoot, new PollSchedule(ms(5), ms(20), ms(0), ms(20), ms(5), ms(60), ms(150)),
                8, 3, Duration.ofSeconds(2), Duration.ofSeconds(2), 3, ms(10), Clock.systemUTC());
    }

    static ClientFactory clients(Duration responseTimeout) {
        return target -> new RunComfyClient(target.endpoint(), () -> TOKEN, new RetryPolicy(2, ms(10), ms(50),
                Duration.ofSeconds(1), 0), new ClientTimeouts(Duration.ofSeconds(2), responseTimeout),
                Delayer.system());
    }

    static JobTarget target(MockWebServer api) {
        return new JobTarget(URI.create("http://127.0.0.1:" + api.getPort()), ApiVersion.V1, "dep-1", "default");
    }

    static JobSubmission submission(MockWebServer api, String prompt) {
        ObjectNode o = ApiJson.object();
        o.putObject("6").putObject("inputs").put("text", prompt);
        return new JobSubmission(target(api), SubmitRequest.overrides(o).withComfyOrgApiKey("comfyui-ORGSECRET"), o,
                "wf.json", prompt);
    }

    /** Waits (up to 15 s, on real I/O) until {@code condition} holds; fails naming {@code what} otherwise. */
    static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }

    static MockWebServer loopbackServer() throws java.io.IOException {
        MockWebServer s = new MockWebServer();
        s.start(java.net.InetAddress.getLoopbackAddress(), 0);
        return s;
    }
}
