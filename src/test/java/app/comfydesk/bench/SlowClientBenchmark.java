package app.comfydesk.bench;

import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Status-call latency of the sandbox while N slow clients hold half-sent requests (each sends one more byte a
 * second). Run: {@code mvn -Pbench -Dbench=SlowClientBenchmark -Dexec.args="200 50" test-compile exec:java}.
 */
public final class SlowClientBenchmark {

    public static void main(String[] args) throws Exception {
        int slow = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path home = Files.createTempDirectory("slow-bench");
        try (SandboxServer server = SandboxServer.start(SandboxConfig.forTests(home).build())) {
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.baseUri().getPort());
                s.getOutputStream().write("GET /prod/v1/deployments/".getBytes(StandardCharsets.US_ASCII));
                sockets.add(s);
            }
            Thread trickle = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(1000);
                        for (Socket s : sockets) {
                            s.getOutputStream().write('x');
                        }
                    }
                } catch (InterruptedException | IOException e) {
                    // done
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest status = HttpRequest.newBuilder(URI.create(server.baseUri()
                    + "/prod/v1/deployments/sample-txt2img/requests/none/status"))
                    .header("Authorization", "Bearer " + server.token()).GET().build();
            for (int i = 0; i < 20; i++) {
                client.send(status, HttpResponse.BodyHandlers.discarding()); // warm-up: JIT, client pool
            }
            long[] micros = new long[calls];
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                client.send(status, HttpResponse.BodyHandlers.discarding());
                micros[i] = (System.nanoTime() - t0) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("slow connections %d, status calls %d: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                    slow, calls, micros[calls / 2] / 1000.0, micros[(int) (calls * 0.95)] / 1000.0,
                    micros[calls - 1] / 1000.0);
            trickle.interrupt();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
