package app.comfydesk.api;

import static app.comfydesk.testing.FakeRunComfy.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RunComfy's v2 surface and the answer shapes seen in the wild, against MockWebServer. */
class RunComfyV2Test {

    private static final String TOKEN = "rc_secret_token_v2_0987654321";
    static final String STORED = "{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":18446744073709551615,"
            + "\"cfg\":1e-05,\"steps\":20,\"model\":[\"4\",0]}},\"4\":{\"class_type\":\"CheckpointLoaderSimple\","
            + "\"inputs\":{\"ckpt_name\":\"a.safetensors\"}}}";

    @TempDir
    Path dir;

    private MockWebServer server;
    private MockWebServer other;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private RunComfyClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        other = new MockWebServer();
        other.start(InetAddress.getLoopbackAddress(), 0);
        client = new RunComfyClient(new ApiEndpoint(URI.create("http://127.0.0.1:" + server.getPort()),
                ApiVersion.V2, "dep-1"), () -> TOKEN, new RetryPolicy(3, Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2),
                new ClientTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)), d -> {
                    waits.add(d);
                    return CompletableFuture.completedFuture(null);
                }, dir.resolve("object_info"));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
        other.close();
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

    private String deployment(String objectInfoUrl) {
        return "{\"id\":\"dep-1\",\"name\":\"Flux\",\"workflow_id\":\"wf-9\",\"workflow_version\":\"v3\","
                + "\"hardware\":[\"AMPERE_24\"],\"min_instances\":0,\"max_instances\":2,\"queue_size\":4,"
                + "\"keep_warm_duration_in_seconds\":60,\"status\":\"standby\",\"is_enabled\":true,"
                + "\"created_at\":\"2025-07-22T13:05:16.143086\",\"updated_at\":\"2025-07-23T10:00:00Z\","
                + "\"payload\":{\"workflow_api_json\":" + STORED + ",\"overrides\":{\"3\":{\"inputs\":"
                + "{\"steps\":30}}},\"object_info_url\":\"" + objectInfoUrl + "\"}}";
    }

    @Test
    void listsDeploymentsFromABareArrayWithTheirStoredWorkflowKeptExact() throws Exception {
        server.enqueue(json("[" + deployment("https://x.example/oi.json") + ",{\"id\":\"dep-2\"}]"));
        List<Deployment> list = get(client.deployments().list(true));

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/prod/v2/deployments");
        assertThat(sent.getUrl().queryParameter("includes")).isEqualTo("payload");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(list).hasSize(2);
        Deployment d = list.get(0);
        assertThat(d).extracting(Deployment::id, Deployment::name, Deployment::status, Deployment::enabled,
                Deployment::hardware, Deployment::workflowId, Deployment::workflowVersion, Deployment::minInstances,
                Deployment::maxInstances, Deployment::queueSize).containsExactly("dep-1", "Flux", "standby", true,
                "AMPERE_24", "wf-9", "v3", 0, 2, 4);
        assertThat(d.createdAt()).isEqualTo("2025-07-22T13:05:16.143086");
        DeploymentPayload p = d.payload().orElseThrow();
        assertThat(p.workflow().workflow().toCompactJson()).contains("18446744073709551615").contains("1e-05");
        assertThat(p.defaultOverrides().at("/3/inputs/steps").intValue()).isEqualTo(30);
        assertThat(p.objectInfoUrl()).isEqualTo(URI.create("https://x.example/oi.json"));
        assertThat(list.get(1).payload()).isEmpty();
    }

    @Test
    void listsDeploymentsFromAWrappedListAndGetsOneWithoutPayload() throws Exception {
        server.enqueue(json("{\"deployments\":[{\"id\":\"a\",\"is_enabled\":false,\"hardware\":\"TURING_16\"}]}"));
        server.enqueue(json("{\"id\":\"dep 1/x\",\"name\":\"One\",\"workflow_version\":7}"));
        List<Deployment> list = get(client.deployments().list(false));
        assertThat(list).singleElement().satisfies(d -> {
            assertThat(d.enabled()).isFalse();
            assertThat(d.hardware()).isEqualTo("TURING_16");
        });
        assertThat(server.takeRequest().getUrl().queryParameter("includes")).isNull();

        Deployment one = get(client.deployments().get("dep 1/x", false));
        assertThat(one.workflowVersion()).isEqualTo("7");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/prod/v2/deployments/dep%201%2Fx");
    }

    @Test
    void objectInfoOnAnotherOriginIsFetchedWithoutTheTokenAndCachedPerDeploymentAndVersion() throws Exception {
        server.enqueue(json(deployment("http://127.0.0.1:" + other.getPort() + "/oi.json")));
        other.enqueue(json("{\"KSampler\":{\"input\":{\"required\":{\"steps\":[\"INT\",{\"default\":20,"
                + "\"min\":1,\"max\":10000}]}}}}"));
        Deployment d = get(client.deployments().get("dep-1", true));
        JsonNode info = get(client.deployments().objectInfo(d));
        assertThat(info.has("KSampler")).isTrue();
        RecordedRequest fetched = other.takeRequest();
        assertThat(fetched.getHeaders().get("Authorization")).as("token to another origin").isNull();

        JsonNode again = get(client.deployments().objectInfo(d));
        assertThat(again).isEqualTo(info);
        assertThat(other.getRequestCount()).as("the second comes from the cache").isEqualTo(1);
        try (var files = Files.list(dir.resolve("object_info"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("dep-1@v3.json");
        }
    }

    @Test
    void objectInfoOnTheApiOriginCarriesTheToken() throws Exception {
        server.enqueue(json(deployment("http://127.0.0.1:" + server.getPort() + "/oi.json")));
        server.enqueue(json("{\"KSampler\":{}}"));
        Deployment d = get(client.deployments().get("dep-1", true));
        get(client.deployments().objectInfo(d));
        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void balance() throws Exception {
        server.enqueue(json("{\"balance_usd\":12.3400,\"currency\":\"USD\"}"));
        Balance b = get(client.deployments().balance());
        assertThat(b.amount()).isEqualByComparingTo("12.34");
        assertThat(b.currency()).isEqualTo("USD");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/prod/v2/balance");
    }

    @ParameterizedTest
    @CsvSource({
        "10001, 402, top up your balance", "10001, 200, top up your balance", "10001, 403, top up your balance",
        "10002, 403, enable it on RunComfy", "10002, 200, enable it on RunComfy",
        "10003, 410, deployment has been deleted", "10003, 200, deployment has been deleted",
        "401001, 401, token is invalid", "401001, 200, token is invalid",
        "403003, 403, may not use this deployment", "403003, 200, may not use this deployment",
        "404001, 404, does not know this deployment", "404001, 200, does not know this deployment"})
    void everyErrorCodeIsPutInWordsWhateverTheHttpStatus(String code, int status, String words) {
        server.enqueue(json(status, "{\"error_code\":" + code + ",\"error_message\":\"nope\"}"));
        ApiException e = failure(client.submit(SubmitRequest.overrides(ApiJson.object())));
        assertThat(e.runComfyCode()).map(RunComfyErrorCode::code).contains(code);
        assertThat(e.userMessage()).contains(words).contains(code).contains("nope")
                .doesNotContain("Forbidden: the token may not use");
        assertThat(waits).as("never retried").isEmpty();
    }

    @Test
    void invalidRequestNamesTheInputsItRefusedAsStructuredDetails() {
        server.enqueue(json(422, "{\"error_code\":\"422001\",\"message\":\"invalid overrides\",\"detail\":["
                + "{\"loc\":[\"body\",\"overrides\",\"38:42\",\"inputs\",\"seed\"],\"msg\":\"unknown input\"},"
                + "{\"node_id\":\"99\",\"msg\":\"unknown node\"},\"free text\"]}"));
        ApiException e = failure(client.submit(SubmitRequest.overrides(ApiJson.object())));
        assertThat(e.runComfyCode()).contains(RunComfyErrorCode.INVALID_REQUEST);
        assertThat(e.details()).extracting(ErrorDetail::nodeId, ErrorDetail::input, ErrorDetail::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("38:42", "seed", "unknown input"),
                        org.assertj.core.groups.Tuple.tuple("99", null, "unknown node"),
                        org.assertj.core.groups.Tuple.tuple(null, null, "free text"));
        assertThat(e.userMessage()).contains("node 38:42, input seed: unknown input").contains("node 99");
    }

    @Test
    void internalErrorIsRetriedWithBackoffEvenInsideA200() throws Exception {
        server.enqueue(json(200, "{\"error_code\":500001,\"message\":\"internal\"}"));
        server.enqueue(json(500, "{\"error_code\":500001}"));
        server.enqueue(json("{\"request_id\":\"r-1\",\"status\":\"in_queue\"}"));
        assertThat(get(client.status("r-1")).requestId()).isEqualTo("r-1");
        assertThat(waits).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"'{\"status\":\"not_cancellable\"}', NOT_CANCELLABLE",
        "'{\"request_id\":\"r\",\"status\":\"cancellation_requested\"}', CANCELLATION_REQUESTED",
        "'{\"outcome\":\"cancelled\",\"status\":\"cancelled\"}', CANCELLED",
        "'{\"outcome\":\"not_cancellable\",\"status\":\"in_progress\"}', NOT_CANCELLABLE"})
    void cancelReadsTheOutcomeFromStatusWhenThereIsNone(String body, CancelOutcome expected) throws Exception {
        server.enqueue(json(body));
        assertThat(get(client.cancel("r")).outcome()).isEqualTo(expected);
    }

    @Test
    void resultReadsEveryBucketTextAndSubgraphIdsAndAnErrorArray() throws Exception {
        server.enqueue(json("{\"status\":\"succeeded\",\"outputs\":{\"38:42\":{\"images\":[{\"url\":"
                + "\"https://h/a.png\"}],\"videos\":[{\"url\":\"https://h/v.mp4\"}],\"gifs\":[{\"url\":"
                + "\"https://h/g.gif\"}],\"audio\":[{\"url\":\"https://h/s.flac\"}],\"text\":[\"one\",[\"two\","
                + "[\"three\"]]]}}}"));
        ResultResponse r = get(client.result("r"));
        assertThat(r.outputs()).extracting(OutputFile::nodeId, OutputFile::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("38:42", "images"),
                org.assertj.core.groups.Tuple.tuple("38:42", "videos"),
                org.assertj.core.groups.Tuple.tuple("38:42", "gifs"),
                org.assertj.core.groups.Tuple.tuple("38:42", "audio"));
        assertThat(r.texts()).singleElement().satisfies(t -> {
            assertThat(t.nodeId()).isEqualTo("38:42");
            assertThat(t.values()).containsExactly("one", "two", "three");
        });

        server.enqueue(json("{\"status\":\"failed\",\"error\":[{\"errorCode\":\"E1\",\"error\":\"CUDA OOM\","
                + "\"debugInfo\":\"x\"},{\"errorCode\":\"E2\",\"error\":\"second\"}]}"));
        assertThat(get(client.result("r")).errorMessage()).isEqualTo("E1: CUDA OOM; E2: second");
        server.enqueue(json("{\"status\":\"failed\",\"error\":\"plain words\"}"));
        assertThat(get(client.result("r")).errorMessage()).isEqualTo("plain words");
        server.enqueue(json("{\"status\":\"failed\",\"error\":{\"type\":\"t\",\"message\":\"as object\"}}"));
        assertThat(get(client.result("r")).errorMessage()).isEqualTo("as object");
    }

    @Test
    void anAnswerOverTheLimitFailsNamingItWhetherItsLengthIsDeclaredOrChunked() throws Exception {
        long limit = RunComfyClient.maxAnswerBytes();
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(new Buffer().write(new byte[(int) limit + 1])).build());   // Content-Length: limit + 1
        ApiException declared = failure(client.result("r"));
        assertThat(declared.userMessage()).contains("16 MiB");
        assertThat(waits).as("a too large answer is not asked again").isEmpty();

        Buffer big = new Buffer();
        big.writeUtf8("{\"status\":\"succeeded\",\"pad\":\"");
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 17; i++) {
            big.write(chunk);
        }
        big.writeUtf8("\"}");
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .chunkedBody(big, 64 * 1024).build());
        ApiException chunked = failure(client.result("r"));
        assertThat(chunked.userMessage()).contains("larger than the limit of 16 MiB");
    }

    @Test
    void instanceProxyCallsObjectInfoAndFree() throws Exception {
        server.enqueue(json("{\"KSampler\":{}}"));
        server.enqueue(json("{}"));
        assertThat(get(client.deployments().proxyObjectInfo("dep-1", "inst 7")).has("KSampler")).isTrue();
        get(client.deployments().freeMemory("dep-1", "inst 7"));
        RecordedRequest info = server.takeRequest();
        assertThat(info.getMethod()).isEqualTo("POST");
        assertThat(info.getUrl().encodedPath()).isEqualTo("/prod/v2/deployments/dep-1/instances/inst%207/proxy/"
                + "object_info");
        assertThat(info.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        RecordedRequest free = server.takeRequest();
        assertThat(free.getUrl().encodedPath()).endsWith("/proxy/api/free");
        JsonNode body = ApiJson.parse(free.getBody().utf8());
        assertThat(body.get("unload_models").asBoolean()).isTrue();
        assertThat(body.get("free_memory").asBoolean()).isTrue();
        assertThat(failure(client.deployments().proxy("dep-1", "i", "../secrets", null, 1000)).userMessage())
                .contains("object_info or api/free");
    }
}
