package app.comfydesk.bench;

import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Status-call latency of the sandbox while 200 connections send their request at 1 byte per second (issue 12,
 * item 3; target: < 100 ms).
 *
 * <pre>mvn -Pbench -Dbench=SlowClientBenchmark test-compile exec:java</pre>
 */
public final class SlowClientBenchmark {

    private static final int SLOW = 200;
    private static final int CALLS = 200;

    private SlowClientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (SandboxServer server = SandboxServer.start(
                SandboxConfig.forTests(Files.createTempDirectory("slow-bench")).build())) {
            URI status = server.baseUri().resolve("/prod/v1/deployments/sample-txt2img/requests/none/status");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            measure("no slow clients (warm-up)", http, status, server.token());
            List<Socket> slow = new ArrayList<>();
            byte[] request = ("GET /prod/v1/deployments/sample-txt2img/requests/none/status HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n" + "X-Padding: " + "x".repeat(200) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < SLOW; i++) {
                slow.add(new Socket(server.baseUri().getHost(), server.baseUri().getPort()));
            }
            Thread drip = new Thread(() -> {
                for (int b = 0; b < request.length && !Thread.currentThread().isInterrupted(); b++) {
                    for (Socket s : slow) {
                        try {
                            OutputStream out = s.getOutputStream();
                            out.write(request[b]);
                            out.flush();
                        } catch (IOException e) {
                            // closed by the server's idle timeout or limit: that is allowed
                        }
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "drip");
            drip.setDaemon(true);
            drip.start();
            Thread.sleep(3000); // every slow connection has sent a few bytes
            measure(SLOW + " connections at 1 byte/s", http, status, server.token());
            drip.interrupt();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private static void measure(String label, HttpClient http, URI status, String token) throws Exception {
        long[] nanos = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            nanos[i] = System.nanoTime() - start;
            if (r.statusCode() != 404) {
                throw new IllegalStateException("status call answered " + r.statusCode());
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%s: %d status calls, median %.2f ms, p99 %.2f ms, max %.2f ms%n", label, CALLS,
                nanos[CALLS / 2] / 1e6, nanos[CALLS * 99 / 100] / 1e6, nanos[CALLS - 1] / 1e6);
    }
}
