package app.comfydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.sandbox.RawHttp.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hostile client on this computer can do to the sandbox (and so to the app it runs in): nothing much. */
class SandboxHostileClientTest {

    @TempDir
    Path home;
    @TempDir
    Path elsewhere;

    private SandboxServer server;
    private final List<Socket> sockets = new ArrayList<>();

    private SandboxServer start() throws IOException {
        server = SandboxServer.start(SandboxConfig.forTests(home).build());
        return server;
    }

    @AfterEach
    void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void outputsNeverServeAFileOutsideTheStorageRoot() throws Exception {
        start();
        Path outside = Files.createDirectories(elsewhere.resolve("outputs"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        String encodedAbsolute = elsewhere.toAbsolutePath().toString().replace("/", "%2F");
        List<String> attacks = List.of(
                "/outputs/" + encodedAbsolute + "/secret.txt",
                "/outputs/%2F" + encodedAbsolute.substring(3) + "/secret.txt",
                "/outputs/..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F" + encodedAbsolute.substring(3) + "/secret.txt",
                "/outputs/x/..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F" + encodedAbsolute.substring(3)
                        + "%2Foutputs%2Fsecret.txt",
                "/outputs/x/%2e%2e/%2e%2e/secret.txt",
                "/outputs/x/a%5C..%5C..%5Csecret.txt",
                "/outputs/x/bad%zzescape");
        for (String attack : attacks) {
            Reply reply = raw(attack);
            assertThat(reply.status()).as(attack).isIn(400, 404);
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).as(attack).doesNotContain("secret\"")
                    .isNotEqualTo("secret");
        }
    }

    @Test
    void aBodyIsNeverReadBeforeTheTokenIsChecked() throws Exception {
        start();
        try (Socket socket = connect()) {
            // Declares 1.2 GB and sends none of it: the answer must come at once, without waiting for the body.
            send(socket, "POST /prod/v1/deployments/sample-txt2img/inference HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1200000000\r\n\r\n");
            assertThat(statusLine(socket)).contains(" 401 ");
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413NamingIt() throws Exception {
        start();
        try (Socket socket = connect()) {
            send(socket, "POST /prod/v1/deployments/sample-txt2img/inference HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + server.token() + "\r\nContent-Length: " + (65L << 20) + "\r\n\r\n");
            String answer = readAll(socket);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("64 MiB");
        }
        // A chunked body has no declared length: reading stops one byte past the limit.
        HttpClient client = HttpClient.newHttpClient();
        byte[] chunk = new byte[1 << 20];
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUri() + "/prod/v1/deployments/"
                        + "sample-txt2img/inference")).header("Authorization", "Bearer " + server.token())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    private long left = 70L << 20;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'x' : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = (int) Math.min(len, Math.min(left, chunk.length));
                        left -= n;
                        return n;
                    }
                })).timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> reply;
        try {
            reply = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(413);
        } catch (IOException e) {
            // The server may close the connection while the client still sends: refused all the same.
        }
    }

    @Test
    void manySlowClientsDoNotStallANormalRequest() throws Exception {
        start();
        for (int i = 0; i < 200; i++) {
            Socket socket = connect();
            sockets.add(socket);
            // A request begun and never finished, as a client sending a byte now and then holds it.
            send(socket, "GET /prod/v1/deployments/sample-txt2img/requests/");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest status = HttpRequest.newBuilder(URI.create(server.baseUri()
                        + "/prod/v1/deployments/sample-txt2img/requests/unknown/status"))
                .header("Authorization", "Bearer " + server.token()).timeout(Duration.ofSeconds(20)).GET().build();
        HttpResponse<String> reply = client.send(status, HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(404);
    }

    @Test
    void peersStoppingHalfWayThroughTheirBodiesHoldNoHandlerThread() throws Exception {
        start();
        // More than the server has handler threads, each with its headers complete and its body half sent.
        for (int i = 0; i < 150; i++) {
            Socket socket = connect();
            sockets.add(socket);
            send(socket, "POST /prod/v1/deployments/sample-txt2img/inference HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + server.token() + "\r\nContent-Length: 100\r\n\r\n{\"ov");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < 5; i++) {
            HttpRequest status = HttpRequest.newBuilder(URI.create(server.baseUri()
                            + "/prod/v1/deployments/sample-txt2img/requests/unknown/status"))
                    .header("Authorization", "Bearer " + server.token()).timeout(Duration.ofSeconds(5)).GET().build();
            assertThat(client.send(status, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }

    private Reply raw(String path) throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String answer = readAll(socket);
            int status = Integer.parseInt(answer.substring(9, 12));
            String body = answer.contains("\r\n\r\n") ? answer.substring(answer.indexOf("\r\n\r\n") + 4) : "";
            return new Reply(status, null, body.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.baseUri().getPort());
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String statusLine(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        InputStream in = socket.getInputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (text.indexOf("\r\n\r\n") >= 0 && bodyComplete(text)) {
                    break;
                }
            }
        } catch (java.net.SocketException e) {
            // reset after the answer: what arrived is the answer
        }
        return text.toString();
    }

    private static boolean bodyComplete(StringBuilder text) {
        String head = text.substring(0, text.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int end = head.indexOf("\r\n", at);
        long length = Long.parseLong(head.substring(at + 15, end < 0 ? head.length() : end).trim());
        return text.length() - text.indexOf("\r\n\r\n") - 4 >= length;
    }
}
