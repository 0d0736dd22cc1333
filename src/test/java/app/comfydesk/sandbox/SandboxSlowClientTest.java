package app.comfydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 3: peers that trickle a request (or never finish it) must not starve the others. RawHttp's 10 s
 * timeout is the bound; the < 100 ms figure is measured by {@code SlowClientBenchmark}, not asserted here.
 */
class SandboxSlowClientTest {

    @TempDir
    Path home;

    private SandboxServer server;
    private final List<Socket> slow = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : slow) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoHundredUnfinishedRequestsDoNotStallAStatusCall() throws Exception {
        server = SandboxServer.start(SandboxConfig.forTests(home).build());
        RawHttp http = new RawHttp(server.baseUri(), server.token());
        for (int i = 0; i < 200; i++) {
            Socket s = new Socket(server.baseUri().getHost(), server.baseUri().getPort());
            slow.add(s);
            OutputStream out = s.getOutputStream();
            // Half a request line, half a header block and half a body: each waits for bytes that never come.
            String part = switch (i % 3) {
                case 0 -> "GET /prod/v1/deployments/sample-txt2img/requests/x/sta";
                case 1 -> "GET /prod/v1/deployments/sample-txt2img/requests/x/status HTTP/1.1\r\nHost: a\r\nX-A: ";
                default -> "POST /prod/v1/deployments/sample-txt2img/inference HTTP/1.1\r\nHost: a\r\n"
                        + "Authorization: Bearer " + server.token() + "\r\nContent-Length: 100\r\n\r\n{\"ov";
            };
            out.write(part.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        for (int i = 0; i < 20; i++) {
            RawHttp.Reply reply = http.get("/prod/v1/deployments/sample-txt2img/requests/none/status");
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().get("error_code").asText()).isEqualTo("request_not_found");
        }
    }
}
