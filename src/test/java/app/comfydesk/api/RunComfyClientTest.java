package app.comfydesk.api;

import static app.comfydesk.testing.FakeRunComfy.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.comfydesk.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunComfyClientTest {

    private static final String TOKEN = "rc_secret_token_1234567890";

    private MockWebServer server;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private RunComfyClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        client = client(ApiVersion.V1, new ClientTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    }

    private RunComfyClient client(ApiVersion version, ClientTimeouts timeouts) {
        ApiEndpoint endpoint = new ApiEndpoint(URI.create("http://127.0.0.1:" + server.getPort()), version, "dep-1");
        return new RunComfyClient(endpoint, () -> TOKEN, new RetryPolicy(3, Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2), timeouts, d -> {
                    waits.add(d);
                    return CompletableFuture.completedFuture(null);
                });
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static ApiException failure(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ApiException.class);
            return (ApiException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure");
    }

    private static ObjectNode overrides() {
        ObjectNode o = ApiJson.object();
        o.putObject("31").putObject("inputs").put("seed", new BigInteger("18446744073709551615"));
        return o;
    }

    @Test
    void submitSendsOverridesWithBearerTokenToTheVersionedPath() throws Exception {
        server.enqueue(json("{\"request_id\":\"r-1\",\"status_url\":\"s\",\"extra\":true}"));
        SubmitResponse response = get(client.submit(SubmitRequest.overrides(overrides())
                .withWebhook("https://hooks.example/x", true).withComfyOrgApiKey("comfyui-KEY")));

        assertThat(response.requestId()).isEqualTo("r-1");
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/prod/v1/deployments/dep-1/inference");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        JsonNode body = ApiJson.parse(sent.getBody().utf8());
        assertThat(body.at("/overrides/31/inputs/seed").bigIntegerValue())
                .isEqualTo(new BigInteger("18446744073709551615"));
        // RunComfy's recommended form: the webhook in the query string, not the body.
        assertThat(sent.getUrl().queryParameter("webhook")).isEqualTo("https://hooks.example/x");
        assertThat(sent.getUrl().queryParameter("webhook_intermediate_status")).isEqualTo("true");
        assertThat(body.has("webhook")).isFalse();
        assertThat(body.has("webhook_intermediate_status")).isFalse();
        assertThat(body.at("/extra_data/api_key_comfy_org").asText()).isEqualTo("comfyui-KEY");
        assertThat(body.has("workflow_api_json")).isFalse();
    }

    @Test
    void dynamicModeSendsTheWholeWorkflowOnV2() throws Exception {
        client.close();
        client = client(ApiVersion.V2, ClientTimeouts.defaults());
        server.enqueue(json("{\"request_id\":\"r-2\"}"));
        ObjectNode workflow = ApiJson.object();
        workflow.putObject("3").put("class_type", "KSampler").putObject("inputs").put("cfg", new java.math.BigDecimal(
                "7.100000000000000088817841970012523"));
        get(client.submit(SubmitRequest.dynamic(workflow)));

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/prod/v2/deployments/dep-1/inference");
        String body = sent.getBody().utf8();
        assertThat(body).contains("\"workflow_api_json\"").doesNotContain("overrides")
                .contains("7.100000000000000088817841970012523");
    }

    @Test
    void statusIsReadTolerantly() throws Exception {
        server.enqueue(json("{\"request_id\":\"r\",\"status\":\"IN_QUEUE\",\"queue_position\":\"4\",\"new\":[1]}"));
        server.enqueue(json("{\"status\":\"canceled\"}"));
        StatusResponse s = get(client.status("r"));
        assertThat(s.status()).isEqualTo(RemoteStatus.IN_QUEUE);
        assertThat(s.queuePosition()).isEqualTo(4);
        assertThat(get(client.status("r")).status()).isEqualTo(RemoteStatus.CANCELLED);
        assertThat(server.takeRequest().getUrl().encodedPath())
                .isEqualTo("/prod/v1/deployments/dep-1/requests/r/status");
    }

    @Test
    void hostileRequestIdCannotChangeThePath() throws Exception {
        server.enqueue(json("{\"status\":\"in_progress\"}"));
        get(client.status("../../x?y#z"));
        assertThat(server.takeRequest().getUrl().encodedPath())
                .isEqualTo("/prod/v1/deployments/dep-1/requests/..%2F..%2Fx%3Fy%23z/status");
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("{}").build());
        server.enqueue(json("{\"status\":\"in_progress\"}"));
        assertThat(get(client.status("r")).status()).isEqualTo(RemoteStatus.IN_PROGRESS);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterBeyondTheLimitGivesUp() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").body("{}").build());
        ApiException e = failure(client.status("r"));
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void serviceUnavailableIsRetriedWithGrowingBackoffAndBounded() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(json(503, "{\"error_code\":\"OVERLOADED\",\"message\":\"try later\"}"));
        }
        ApiException e = failure(client.result("r"));
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.errorCode()).isEqualTo("OVERLOADED");
        assertThat(e.userMessage()).isEqualTo("503 Service Unavailable: try later (OVERLOADED)");
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0).toMillis()).isBetween(100L, 120L);
        assertThat(waits.get(1).toMillis()).isBetween(200L, 240L);
    }

    @Test
    void requestTimeoutAndServerErrorsAreRetriedForGets() throws Exception {
        server.enqueue(json(408, "{}"));
        server.enqueue(json(500, "{}"));
        server.enqueue(json("{\"status\":\"completed\"}"));
        assertThat(get(client.status("r")).status()).isEqualTo(RemoteStatus.COMPLETED);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void droppedConnectionOnAGetIsRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(json("{\"status\":\"in_progress\"}"));
        assertThat(get(client.status("r")).status()).isEqualTo(RemoteStatus.IN_PROGRESS);
    }

    @Test
    void unauthorizedForbiddenAndNotFoundAreNeverRetried() {
        server.enqueue(json(401, ""));
        ApiException e = failure(client.status("r"));
        assertThat(e.userMessage()).isEqualTo("401 Unauthorized: invalid or missing token");
        server.enqueue(json(403, "{\"message\":\"not your deployment\"}"));
        assertThat(failure(client.status("r")).userMessage()).isEqualTo("403 Forbidden: not your deployment");
        server.enqueue(json(404, "{\"detail\":\"Request not found\"}"));
        assertThat(failure(client.result("r")).userMessage()).isEqualTo("404 Not Found: Request not found");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(waits).isEmpty();
    }

    @Test
    void errorCodeInAnOkBodyIsAnError() {
        server.enqueue(json("{\"error_code\":\"INVALID_OVERRIDES\",\"message\":\"node 99 does not exist\","
                + "\"detail\":{\"node\":\"99\"}}"));
        ApiException e = failure(client.submit(SubmitRequest.overrides(overrides())));
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.errorCode()).isEqualTo("INVALID_OVERRIDES");
        assertThat(e.serverMessage()).isEqualTo("node 99 does not exist");
        assertThat(e.detail().get("node").asText()).isEqualTo("99");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void submitIsRetriedOnlyWhenTheServerDidNotTakeIt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("{}").build());
        server.enqueue(json(503, "{}"));
        server.enqueue(json("{\"request_id\":\"r-3\"}"));
        assertThat(get(client.submit(SubmitRequest.overrides(overrides()))).requestId()).isEqualTo("r-3");
        assertThat(server.getRequestCount()).isEqualTo(3);

        server.enqueue(json(500, "{\"message\":\"boom\"}"));
        ApiException e = failure(client.submit(SubmitRequest.overrides(overrides())));
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(server.getRequestCount()).isEqualTo(4);
        server.enqueue(json(502, "{}"));
        failure(client.submit(SubmitRequest.overrides(overrides())));
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void readTimeoutOnSubmitIsUncertainAndNotRetried() throws Exception {
        client.close();
        client = client(ApiVersion.V1, new ClientTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));
        server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("{\"request_id\":\"r\"}")
                .build());
        ApiException e = failure(client.submit(SubmitRequest.overrides(overrides())));
        assertThat(e).isInstanceOf(SubmissionUncertainException.class);
        assertThat(e.userMessage()).contains("did not answer in time").contains("may or may not have been accepted");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void droppedConnectionAfterSendingASubmitIsUncertain() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        ApiException e = failure(client.submit(SubmitRequest.overrides(overrides())));
        assertThat(e).isInstanceOf(SubmissionUncertainException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void refusedConnectionOnSubmitIsRetriedThenReportedAsNetworkError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (RunComfyClient refused = new RunComfyClient(new ApiEndpoint(URI.create("http://127.0.0.1:"
                + closedPort), ApiVersion.V1, "d"), () -> TOKEN, new RetryPolicy(3, Duration.ofMillis(10),
                Duration.ofMillis(50), Duration.ofSeconds(1), 0), ClientTimeouts.defaults(), d -> {
                    waits.add(d);
                    return CompletableFuture.completedFuture(null);
                })) {
            ApiException e = failure(refused.submit(SubmitRequest.overrides(overrides())));
            assertThat(e).isNotInstanceOf(SubmissionUncertainException.class);
            assertThat(e.isNetworkError()).isTrue();
            assertThat(e.userMessage()).isEqualTo("Network error: could not connect to the server; check the base "
                    + "URL and your connection");
            assertThat(waits).hasSize(2);
        }
    }

    @Test
    void redirectsAreNotFollowedSoTheTokenStaysOnTheApiOrigin() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start(java.net.InetAddress.getLoopbackAddress(), 0);
            server.enqueue(new MockResponse.Builder().code(302)
                    .addHeader("Location", "http://127.0.0.1:" + elsewhere.getPort() + "/steal").build());
            ApiException e = failure(client.status("r"));
            assertThat(e.httpStatus()).isEqualTo(302);
            assertThat(e.userMessage()).isEqualTo("302 Found: the server sent the request elsewhere, which is not "
                    + "followed so the token stays with the configured server; check the base URL");
            assertThat(elsewhere.getRequestCount()).isZero();
        }
    }

    @Test
    void resultReadsOutputsAndAnyShapeOfError() throws Exception {
        server.enqueue(json("{\"request_id\":\"r\",\"status\":\"succeeded\",\"outputs\":{\"136\":{\"images\":["
                + "{\"url\":\"https://cdn.example/a.png\",\"filename\":\"a.png\",\"subfolder\":\"\",\"type\":\"output\"},"
                + "{\"filename\":\"no-url.png\"}],\"text\":[\"hello\"]},\"9\":{\"gifs\":[{\"url\":\"https://cdn.example/b"
                + ".gif\",\"filename\":\"b.gif\"}]}},\"created_at\":\"2025-07-22T13:05:16.143086\"}"));
        ResultResponse r = get(client.result("r"));
        assertThat(r.status()).isEqualTo(RemoteStatus.SUCCEEDED);
        assertThat(r.outputs()).extracting(OutputFile::nodeId, OutputFile::kind, OutputFile::filename)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("136", "images", "a.png"),
                        org.assertj.core.groups.Tuple.tuple("9", "gifs", "b.gif"));

        server.enqueue(json("{\"status\":\"failed\",\"error\":[{\"message\":\"CUDA out of memory\"},"
                + "{\"exception_type\":\"ValueError\",\"exception_message\":\"bad seed\"}]}"));
        assertThat(get(client.result("r")).errorMessage()).isEqualTo("CUDA out of memory; ValueError: bad seed");
        server.enqueue(json("{\"status\":\"failed\",\"error\":\"plain text\"}"));
        assertThat(get(client.result("r")).errorMessage()).isEqualTo("plain text");
        server.enqueue(json("{\"status\":\"failed\",\"error\":{\"error_code\":\"OOM\",\"message\":\"out of memory\"}}"));
        ResultResponse failed = get(client.result("r"));
        assertThat(failed.status()).isEqualTo(RemoteStatus.FAILED);
        assertThat(failed.errorMessage()).isEqualTo("OOM: out of memory");
    }

    @Test
    void cancelOutcomesAndDeleteConflict() throws Exception {
        server.enqueue(json(202, "{\"status\":\"completed\",\"outcome\":\"cancelled\"}"));
        server.enqueue(json(202, "{\"outcome\":\"cancellation_requested\"}"));
        server.enqueue(json(202, "{\"outcome\":\"not_cancellable\"}"));
        assertThat(get(client.cancel("r")).outcome()).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(get(client.cancel("r")).outcome()).isEqualTo(CancelOutcome.CANCELLATION_REQUESTED);
        assertThat(get(client.cancel("r")).outcome()).isEqualTo(CancelOutcome.NOT_CANCELLABLE);
        assertThat(server.takeRequest().getUrl().encodedPath()).endsWith("/requests/r/cancel");

        server.enqueue(json("{\"request_id\":\"r\",\"status\":\"deleted\",\"deleted_objects\":0}"));
        assertThat(get(client.delete("r")).deletedObjects()).isZero();
        server.enqueue(json(409, "{\"error_code\":\"REQUEST_NOT_TERMINAL\"}"));
        ApiException e = failure(client.delete("r"));
        assertThat(e.userMessage()).isEqualTo("409 Conflict: the request is still running; cancel it first or wait "
                + "until it finishes (REQUEST_NOT_TERMINAL)");
    }

    @Test
    void notJsonIsAReadableError() {
        server.enqueue(new MockResponse.Builder().code(200).body("<html>gateway</html>").build());
        ApiException e = failure(client.status("r"));
        assertThat(e.userMessage()).isEqualTo("200 OK: the server's answer is not a JSON object");
    }

    @Test
    void theTokenNeverReachesTheLogsOrMessages() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            server.enqueue(json(503, "{}"));
            server.enqueue(json(401, "{}"));
            String message = failure(client.status("r")).userMessage();
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                    .build());
            String uncertain = failure(client.submit(SubmitRequest.overrides(overrides())
                    .withComfyOrgApiKey("comfyui-SECRETKEY"))).userMessage();
            assertThat(logs.size()).isPositive();
            assertThat(logs.text() + message + uncertain).doesNotContain(TOKEN).doesNotContain("comfyui-SECRETKEY");
        }
    }

    @Test
    void submitRequestRedactsAndCurlHasNoSecret() {
        SubmitRequest request = SubmitRequest.overrides(overrides()).withComfyOrgApiKey("comfyui-SECRETKEY");
        assertThat(request.toString()).doesNotContain("comfyui-SECRETKEY").contains(SubmitRequest.REDACTED);
        assertThat(ApiJson.write(request.toRedactedJson())).doesNotContain("comfyui-SECRETKEY");
        String curl = CurlCommand.of(new ApiEndpoint(URI.create("https://api.runcomfy.net"), ApiVersion.V1, "d"),
                request);
        assertThat(curl).contains("$RUNCOMFY_TOKEN").contains("$COMFY_ORG_API_KEY")
                .contains("https://api.runcomfy.net/prod/v1/deployments/d/inference")
                .contains("18446744073709551615").doesNotContain("SECRETKEY");
        String hooked = CurlCommand.of(new ApiEndpoint(URI.create("https://api.runcomfy.net"), ApiVersion.V1, "d"),
                request.withWebhook("https://hooks.example/a b", true));
        assertThat(hooked).contains("/inference?webhook=https%3A%2F%2Fhooks.example%2Fa+b"
                + "&webhook_intermediate_status=true'").doesNotContain("\"webhook\"");
        assertThatThrownBy(() -> ApiEndpoint.of("ftp://x", ApiVersion.V1, "d"))
                .hasMessageContaining("must be an http(s) URL");
    }

    @Test
    void plainHttpIsAllowedOnlyForThisComputer() {
        for (String local : List.of("http://127.0.0.1:8189", "http://127.9.8.7", "http://localhost:1",
                "http://[::1]:8189", "https://api.runcomfy.net", "https://10.0.0.5")) {
            assertThat(ApiEndpoint.of(local, ApiVersion.V1, "d").baseUrl().toString()).isEqualTo(local);
        }
        for (String remote : List.of("http://api.runcomfy.net", "http://10.0.0.5:80", "http://127.0.0.1.evil.example",
                "http://128.0.0.1", "http://[::2]")) {
            assertThatThrownBy(() -> ApiEndpoint.of(remote, ApiVersion.V1, "d"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unencrypted").hasMessageContaining("use https://");
        }
        assertThatThrownBy(() -> ApiEndpoint.of("http://api.runcomfy.net", ApiVersion.V1, "d"))
                .hasMessageContaining("use https://api.runcomfy.net ");
    }

    @Test
    void aDroppedConnectionIsDescribedInWordsNotClassNames() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                    .build());
        }
        ApiException e = failure(client.status("r"));
        assertThat(e.isNetworkError()).isTrue();
        assertThat(e.userMessage()).contains("the server closed the connection").doesNotContain("Exception");
    }

    @Test
    @org.junit.jupiter.api.Timeout(15)   // the answer comes after 20 s: a close that waited for it runs into this
    void closeWithACallInFlightReturnsAtOnce() throws Exception {
        // The engine closes its clients when the app quits, on the FX thread, often with a poll under way.
        server.enqueue(new MockResponse.Builder().headersDelay(20, TimeUnit.SECONDS)
                .body("{\"request_id\":\"r\",\"status\":\"in_queue\"}").build());
        RunComfyClient slow = client(ApiVersion.V1, new ClientTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30)));
        CompletableFuture<?> inFlight = slow.status("r");
        server.takeRequest(5, TimeUnit.SECONDS);

        slow.close();

        // No stopwatch: the JUnit timeout is the bound (a close that waited would sit out the 20 s answer). The
        // call in flight fails at once, saying why, so nothing waits on a closed client.
        assertThat(inFlight).as("the call in flight ends with the close").isCompletedExceptionally();
        assertThatThrownBy(inFlight::join).hasRootCauseInstanceOf(ApiException.class)
                .rootCause().hasMessageContaining("closed before the server answered");
    }

    @Test
    void headerAndWireLogsStaySilentEvenWhenTheConfigurationAsksForDebug() throws Exception {
        ch.qos.logback.classic.LoggerContext context =
                (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level previousRoot = root.getLevel();
        List<String> names = List.of("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire");
        var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        try {
            // What a user-supplied logback.xml could say: everything at DEBUG, HttpClient's headers included.
            root.setLevel(ch.qos.logback.classic.Level.DEBUG);
            names.forEach(n -> context.getLogger(n).setLevel(ch.qos.logback.classic.Level.DEBUG));
            try (RunComfyClient fresh = client(ApiVersion.V1, ClientTimeouts.defaults())) {
                server.enqueue(json("{\"request_id\":\"r\",\"status\":\"in_queue\"}"));
                assertThat(get(fresh.status("r")).status()).isEqualTo(RemoteStatus.IN_QUEUE);
            }
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
            String captured = appender.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertThat(appender.list).isNotEmpty();   // DEBUG really was on for everything else
            assertThat(captured).doesNotContain(TOKEN);
            assertThat(names).allSatisfy(n -> assertThat(context.getLogger(n).getLevel())
                    .isEqualTo(ch.qos.logback.classic.Level.OFF));
        } finally {
            root.detachAppender(appender);
            root.setLevel(previousRoot);
        }
    }
}
