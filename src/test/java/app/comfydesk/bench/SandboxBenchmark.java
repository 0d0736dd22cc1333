package app.comfydesk.bench;

import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sandbox figures: how long the model stand-in and the image-edit sample take per request, and how many
 * requests per second the queue API sustains (submit + status polling + result) with several workers.
 *
 * <pre>mvn -Pbench -Dbench=SandboxBenchmark test-compile exec:java</pre>
 */
public final class SandboxBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("sandbox-bench");
        SandboxConfig config = SandboxConfig.forTests(home).workers(2).build();
        try (SandboxServer server = SandboxServer.start(config)) {
            HttpClient http = HttpClient.newHttpClient();
            Api api = new Api(http, server.baseUri(), server.token());
            // Warm-up: class loading, JIT, font set-up.
            for (int i = 0; i < 5; i++) {
                api.runToCompletion("sample-txt2img", "{\"overrides\": {\"3\": {\"inputs\": {\"seed\": " + i + "}}}}");
            }
            timeSerial(api, "txt2img stand-in 512x512", "sample-txt2img", 20);
            timeSerial(api, "image-edit sample (160x120 -> 320x240, invert, blur r2)", "sample-image-edit", 20);
            throughput(api, 400, 64);
        }
    }

    private static void timeSerial(Api api, String label, String deployment, int runs) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            api.runToCompletion(deployment, "{\"overrides\": {}}");
        }
        double ms = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf("%-60s %8.1f ms per request (submit to result, %d runs)%n", label, ms, runs);
    }

    /** {@code total} tiny requests submitted at once, then polled until all finished. */
    private static void throughput(Api api, int total, int size) throws Exception {
        String body = "{\"overrides\": {\"5\": {\"inputs\": {\"width\": " + size + ", \"height\": " + size + "}}}}";
        long start = System.nanoTime();
        List<CompletableFuture<String>> submits = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            submits.add(api.submitAsync("sample-txt2img", body));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> f : submits) {
            ids.add(f.get());
        }
        long calls = total;
        Set<String> done = new HashSet<>();
        while (done.size() < total) {
            for (String id : ids) {
                if (!done.contains(id)) {
                    calls++;
                    if (api.status("sample-txt2img", id).get("status").asText().equals("completed")) {
                        done.add(id);
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-60s %8.1f requests/s finished, %8.0f API calls/s (%d requests, 2 workers)%n",
                "queue throughput, " + size + "x" + size + " txt2img", total / seconds, calls / seconds, total);
    }

    private record Api(HttpClient http, URI base, String token) {
        JsonNode send(HttpRequest.Builder b) throws Exception {
            HttpResponse<byte[]> r = http.send(b.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("HTTP " + r.statusCode() + ": " + new String(r.body()));
            }
            return JSON.readTree(r.body());
        }

        CompletableFuture<String> submitAsync(String deployment, String body) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/prod/v1/deployments/" + deployment
                            + "/inference")).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
                try {
                    return JSON.readTree(r.body()).get("request_id").asText();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        JsonNode status(String deployment, String id) throws Exception {
            return send(HttpRequest.newBuilder(base.resolve("/prod/v1/deployments/" + deployment + "/requests/" + id
                    + "/status")).GET());
        }

        void runToCompletion(String deployment, String body) throws Exception {
            String id = send(HttpRequest.newBuilder(base.resolve("/prod/v1/deployments/" + deployment
                    + "/inference")).POST(HttpRequest.BodyPublishers.ofString(body))).get("request_id").asText();
            while (!status(deployment, id).get("status").asText().equals("completed")) {
                Thread.sleep(Duration.ofMillis(1).toMillis());
            }
            JsonNode result = send(HttpRequest.newBuilder(base.resolve("/prod/v1/deployments/" + deployment
                    + "/requests/" + id + "/result")).GET());
            if (!result.get("status").asText().equals("succeeded")) {
                throw new IllegalStateException("run failed: " + result);
            }
        }
    }
}
