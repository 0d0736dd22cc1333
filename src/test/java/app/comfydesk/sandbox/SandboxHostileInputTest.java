package app.comfydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.comfydesk.sandbox.RawHttp.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, items 1 and 2: URL names cannot leave the storage, and bodies are bounded and read only after auth. */
class SandboxHostileInputTest {

    @TempDir
    Path home;
    @TempDir
    Path elsewhere;

    private SandboxServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RawHttp start() throws Exception {
        server = SandboxServer.start(SandboxConfig.forTests(home).build());
        return new RawHttp(server.baseUri(), server.token());
    }

    @Test
    void encodedSeparatorsAndDotsInOutputUrlsNeverReachFilesOutsideTheStorage() throws Exception {
        RawHttp http = start();
        Path secretFolder = Files.createDirectories(elsewhere.resolve("victim/outputs"));
        Files.writeString(secretFolder.resolve("secret.txt"), "TOP-SECRET");
        String victim = elsewhere.resolve("victim").toAbsolutePath().toString();
        String base = server.baseUri() + "/outputs/";
        String up = "..%2F".repeat(12);
        for (String attack : new String[] {
                base + enc(victim) + "/secret.txt",
                base + up + enc(victim.substring(1)) + "/secret.txt",
                base + "x/" + up + enc(victim.substring(1)) + "%2Foutputs%2Fsecret.txt",
                base + "x/%2E%2E/%2E%2E/%2E%2E/token",
                base + "x/a%5C..%5C..%5Ctoken",
                base + "x/secret.txt%00.png"}) {
            Reply reply = http.download(attack);
            assertThat(reply.status()).as(attack).isIn(400, 404);
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).as(attack)
                    .doesNotContain("TOP-SECRET", elsewhere.toString(), home.toString());
        }
    }

    @Test
    void aLinkInsideTheStorageThatPointsOutsideIsNotFollowed() throws Exception {
        RawHttp http = start();
        String api = "/prod/v1/deployments/sample-txt2img";
        String id = http.submit(api, "{\"overrides\": {\"5\": {\"inputs\": {\"width\": 16, \"height\": 16}}}}");
        String url = http.pollUntil(api + "/requests/" + id + "/result",
                s -> s.get("status").asText().equals("succeeded")).at("/outputs/9/images/0/url").asText();
        Path output;
        try (Stream<Path> files = Files.walk(home.resolve("storage"))) {
            output = files.filter(p -> p.getFileName().toString().equals("ComfyUI_00001_.png")).findFirst()
                    .orElseThrow();
        }
        Path secret = Files.writeString(elsewhere.resolve("secret.txt"), "TOP-SECRET");
        Files.delete(output);
        Files.createSymbolicLink(output, secret);
        Reply reply = http.download(url);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).doesNotContain("TOP-SECRET");
    }

    @Test
    void anAnonymousHugeBodyIsRefusedBeforeAnyOfItIsRead() throws Exception {
        start();
        // Only the headers are sent: a server that reads the body before the token check never answers.
        String answer = rawExchange("POST /prod/v1/deployments/sample-txt2img/inference HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1288490188\r\n\r\n{");
        assertThat(answer).startsWith("HTTP/1.1 401");
        assertThat(server.queueLength()).isZero();
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413NamingTheLimit() throws Exception {
        start();
        String answer = rawExchange("POST /prod/v1/deployments/sample-txt2img/inference HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + server.token() + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (SandboxLimits.MAX_BODY_BYTES + 1L)
                + "\r\n\r\n{");
        assertThat(answer).startsWith("HTTP/1.1 413").contains("64 MiB");
        assertThat(server.queueLength()).isZero();
    }

    @Test
    void anUndeclaredBodyStopsBeingReadJustPastTheLimit() throws Exception {
        CountingStream endless = new CountingStream();
        assertThatThrownBy(() -> SandboxLimits.readBody(null, endless))
                .isInstanceOf(SandboxLimits.BodyTooLarge.class).hasMessageContaining("64 MiB");
        assertThat(endless.read).isEqualTo(SandboxLimits.MAX_BODY_BYTES + 1L);
        assertThat(SandboxLimits.readBody("2", new ByteArrayInputStream("{}".getBytes()))).hasSize(2);
    }

    /** Sends {@code request} as it is and returns what the server answers within 10 s (the headers at least). */
    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            StringBuilder answer = new StringBuilder();
            int n;
            while (!answer.toString().contains("\r\n\r\n") || !answer.toString().contains("}")) {
                n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return answer.toString();
        }
    }

    private static String enc(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    /** An endless stream of spaces that counts what was taken from it. */
    private static final class CountingStream extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) ' ');
            read += len;
            return len;
        }
    }
}
