package app.comfydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.sandbox.RawHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhooks: pushed to a loopback receiver (a JDK HttpServer here), refused for any other host. */
class SandboxWebhookTest {

    private static final String API = "/prod/v1/deployments/sample-txt2img";
    private static final String SMALL = "\"overrides\": {\"5\": {\"inputs\": {\"width\": 64, \"height\": 64}}}";

    @TempDir
    Path home;

    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    private final CountDownLatch receiverReleased = new CountDownLatch(1);
    private volatile boolean receiverBlocks;
    /** Deliveries the blocking receiver has taken and not answered yet. */
    private final java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();
    private HttpServer receiver;
    private String hookUrl;
    private final List<SandboxServer> servers = new ArrayList<>();

    record Delivery(String method, String contentType, JsonNode body) {
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Delivery(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), RawHttp.JSON.readTree(body)));
            if (receiverBlocks) {
                holding.incrementAndGet();
                try {
                    receiverReleased.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.start();
        hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stop() {
        receiverReleased.countDown();
        servers.forEach(SandboxServer::close);
        receiver.stop(0);
    }

    private RawHttp sandbox(SandboxConfig.Builder config) throws Exception {
        SandboxServer server = SandboxServer.start(config.build());
        servers.add(server);
        return new RawHttp(server.baseUri(), server.token());
    }

    private Delivery next() throws InterruptedException {
        Delivery d = received.poll(10, TimeUnit.SECONDS);
        assertThat(d).as("a webhook delivery").isNotNull();
        return d;
    }

    @Test
    void theFinalResultIsPostedOnceWithoutIntermediateStatus() throws Exception {
        RawHttp http = sandbox(SandboxConfig.forTests(home));
        String id = http.submit(API, "{" + SMALL + ", \"webhook\": \"" + hookUrl + "\"}");

        Delivery done = next();
        assertThat(done.method()).isEqualTo("POST");
        assertThat(done.contentType()).isEqualTo("application/json");
        assertThat(done.body().get("request_id").asText()).isEqualTo(id);
        assertThat(done.body().get("deployment_id").asText()).isEqualTo("sample-txt2img");
        assertThat(done.body().get("status").asText()).isEqualTo("succeeded");
        assertThat(done.body().get("finished_at").asText()).isNotBlank();
        String url = done.body().get("outputs").get("9").get("images").get(0).get("url").asText();
        assertThat(http.download(url).status()).isEqualTo(200);
        var result = (com.fasterxml.jackson.databind.node.ObjectNode) http.get(API + "/requests/" + id + "/result")
                .json();
        assertThat(done.body()).isEqualTo(result.put("deployment_id", "sample-txt2img"));
        // Instead of waiting 300 ms for nothing: a second request's final result comes after anything the first
        // could still send, and nothing else of the first is among the deliveries by then.
        String witness = http.submit(API, "{" + SMALL + ", \"webhook\": \"" + hookUrl + "\"}");
        Delivery witnessDone = next();
        assertThat(witnessDone.body().get("request_id").asText()).isEqualTo(witness);
        assertThat(witnessDone.body().get("status").asText()).isEqualTo("succeeded");
        assertThat(received).as("no intermediate statuses").isEmpty();
    }

    @Test
    void intermediateStatusesComeInOrderWhenAskedForInTheQuery() throws Exception {
        RawHttp http = sandbox(SandboxConfig.forTests(home).runTime(Duration.ofMillis(200)));
        String query = "?webhook=" + URLEncoder.encode(hookUrl, StandardCharsets.UTF_8)
                + "&webhook_intermediate_status=true";
        String id = http.post(API + "/inference" + query, "{" + SMALL + "}").json().get("request_id").asText();

        Delivery queued = next();
        assertThat(queued.body().get("status").asText()).isEqualTo("in_queue");
        assertThat(queued.body().get("queue_position").asInt()).isZero();
        assertThat(queued.body().get("request_id").asText()).isEqualTo(id);
        Delivery running = next();
        assertThat(running.body().get("status").asText()).isEqualTo("in_progress");
        assertThat(running.body().get("instance_id").asText()).startsWith("sandbox-");
        assertThat(next().body().get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aCancelledRequestPostsItsCancelledResult() throws Exception {
        RawHttp http = sandbox(SandboxConfig.forTests(home).runTime(Duration.ofSeconds(30))
                .cancelledSpelling(SandboxConfig.CancelledSpelling.CANCELED));
        String id = http.submit(API, "{" + SMALL + ", \"webhook\": \"" + hookUrl + "\"}");
        http.awaitStatus(API, id, "in_progress");
        assertThat(http.post(API + "/requests/" + id + "/cancel", "").status()).isEqualTo(202);
        Delivery cancelled = next();
        assertThat(cancelled.body().get("status").asText()).isEqualTo("canceled");
        assertThat(cancelled.body().get("finished_at").asText()).isNotBlank();
    }

    @Test
    void aStuckOrAbsentReceiverNeverHoldsUpTheQueue() throws Exception {
        receiverBlocks = true;
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        RawHttp http = sandbox(SandboxConfig.forTests(home));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(http.submit(API, "{" + SMALL + ", \"webhook\": \"" + hookUrl + "\", "
                    + "\"webhook_intermediate_status\": true}"));
        }
        String orphan = http.submit(API, "{" + SMALL + ", \"webhook\": \"http://127.0.0.1:" + closedPort + "/x\"}");
        for (String id : ids) {
            http.awaitStatus(API, id, "completed");
        }
        http.awaitStatus(API, orphan, "completed");
        // No stopwatch: every request completed while the receiver still holds its first delivery (it holds it
        // 20 s, longer than the status waits allow), so the stuck receiver did not hold up the queue.
        assertThat(receiverReleased.getCount()).isEqualTo(1);
        assertThat(holding.get()).as("deliveries held by the receiver").isEqualTo(1);
        assertThat(received).hasSize(1); // the one delivery still held by the receiver
    }

    @Test
    void aRequestResumedAfterARestartStillCallsItsWebhook() throws Exception {
        RawHttp first = sandbox(SandboxConfig.forTests(home).queueTime(Duration.ofSeconds(30)));
        String id = first.submit(API, "{" + SMALL + ", \"webhook\": \"" + hookUrl + "\"}");
        servers.remove(0).close();

        RawHttp second = sandbox(SandboxConfig.forTests(home));
        second.awaitStatus(API, id, "completed");
        Delivery done = next();
        assertThat(done.body().get("request_id").asText()).isEqualTo(id);
        assertThat(done.body().get("status").asText()).isEqualTo("succeeded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hook", "http://10.0.0.1/hook", "http://192.168.1.5:8080/x",
            "http://[fe80::1]/x", "http://hooks.internal/x", "ftp://127.0.0.1/x", "not a url"})
    void webhooksOffThisComputerAreRefused(String webhook) throws Exception {
        RawHttp http = sandbox(SandboxConfig.forTests(home));
        Reply reply = http.post(API + "/inference", "{" + SMALL + ", \"webhook\": \"" + webhook + "\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error_code").asText()).isEqualTo("invalid_request");
        assertThat(reply.json().get("message").asText()).contains("webhook");
        assertThat(reply.json().get("detail").asText()).contains("127.0.0.1");
        assertThat(servers.get(0).queueLength()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:%d/hook", "http://127.0.0.1:%d/hook", "http://127.1.2.3:%d/hook"})
    void loopbackWebhooksAreAccepted(String pattern) throws Exception {
        RawHttp http = sandbox(SandboxConfig.forTests(home));
        Reply reply = http.post(API + "/inference", "{" + SMALL + ", \"webhook\": \""
                + pattern.formatted(receiver.getAddress().getPort()) + "\"}");
        assertThat(reply.status()).isEqualTo(200);
    }
}
