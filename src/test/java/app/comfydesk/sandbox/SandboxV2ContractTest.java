package app.comfydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.sandbox.RawHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RunComfy's v2 surface over raw HTTP, in the shapes RunComfy's own clients (runcomfy-cli, runcomfy-mcp) read:
 * deployments list/get with payload, PATCH is_enabled, balance, object_info, instance proxy, numeric error codes.
 */
class SandboxV2ContractTest {

    private static final String SMALL = "{\"overrides\": {\"5\": {\"inputs\": {\"width\": 64, \"height\": 64}}}}";

    @TempDir
    Path home;

    private SandboxServer server;
    private RawHttp http;

    @BeforeEach
    void start() throws Exception {
        server = SandboxServer.start(SandboxConfig.forTests(home).build());
        http = new RawHttp(server.baseUri(), server.token());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listIsABareArrayWithRunComfysFieldsAndIdsFilter() {
        Reply list = http.get("/prod/v2/deployments");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().isArray()).isTrue();
        assertThat(list.json()).extracting(d -> d.get("id").asText())
                .containsExactly("sample-image-edit", "sample-txt2img");
        JsonNode d = list.json().get(1);
        for (String field : new String[] {"id", "name", "workflow_id", "workflow_version", "hardware",
                "min_instances", "max_instances", "queue_size", "keep_warm_duration_in_seconds", "status",
                "is_enabled", "created_at", "updated_at"}) {
            assertThat(d.has(field)).as(field).isTrue();
        }
        assertThat(d.get("hardware").isArray()).isTrue();
        assertThat(d.get("is_enabled").asBoolean()).isTrue();
        assertThat(d.has("payload")).isFalse();
        assertThat(http.get("/prod/v2/deployments?ids=sample-txt2img").json()).hasSize(1);
    }

    @Test
    void payloadHoldsTheStoredWorkflowExactlyItsDefaultOverridesAndAnObjectInfoUrl() throws Exception {
        Path dir = home.resolve("deployments/exact");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("workflow_api.json"), """
                {"1": {"class_type": "EmptyImage", "inputs": {"width": 8, "height": 8, "batch_size": 1,
                 "color": 18446744073709551615, "x": 1e-05, "y": 0.50}},
                 "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "e"}}}""");
        Files.writeString(dir.resolve("overrides.json"), "{\"1\": {\"inputs\": {\"width\": 16}}}");
        Reply got = http.get("/prod/v2/deployments/exact?includes=payload");
        assertThat(got.status()).isEqualTo(200);
        String text = new String(got.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("18446744073709551615", "1e-05", "0.50");
        JsonNode payload = got.json().get("payload");
        assertThat(payload.at("/workflow_api_json/2/class_type").asText()).isEqualTo("SaveImage");
        assertThat(payload.at("/overrides/1/inputs/width").asInt()).isEqualTo(16);
        String version = got.json().get("workflow_version").asText();

        Reply info = http.download(payload.get("object_info_url").asText());
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().fieldNames()).toIterable().contains("KSampler", "ImageInvert", "SaveImage")
                .doesNotContain("VHS_VideoCombine");
        assertThat(info.json().at("/KSampler/input/required/seed/0").asText()).isEqualTo("INT");
        assertThat(server.supportedClassTypes()).containsAll(() -> info.json().fieldNames());

        Files.writeString(dir.resolve("workflow_api.json"), Files.readString(dir.resolve("workflow_api.json"))
                .replace("\"e\"", "\"f\""));
        assertThat(http.get("/prod/v2/deployments/exact").json().get("workflow_version").asText())
                .isNotEqualTo(version);
    }

    @Test
    void aDisabledDeploymentAnswers10002AndPatchPersists() throws Exception {
        Reply patched = patch("/prod/v2/deployments/sample-txt2img",
                "{\"name\": \"sample-txt2img\", \"is_enabled\": false}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("is_enabled").asBoolean()).isFalse();
        for (String version : new String[] {"v1", "v2"}) {
            Reply refused = http.post("/prod/" + version + "/deployments/sample-txt2img/inference", SMALL);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("error_code").asInt()).isEqualTo(10002);
            assertThat(refused.json().get("error_message").asText()).contains("disabled");
        }
        server.close();
        server = SandboxServer.start(SandboxConfig.forTests(home).build());
        http = new RawHttp(server.baseUri(), server.token());
        assertThat(http.get("/prod/v2/deployments/sample-txt2img").json().get("is_enabled").asBoolean()).isFalse();
        patch("/prod/v2/deployments/sample-txt2img", "{\"is_enabled\": true}");
        assertThat(http.post("/prod/v2/deployments/sample-txt2img/inference", SMALL).status()).isEqualTo(200);
    }

    @Test
    void v2ErrorsCarryRunComfysNumericCodes() {
        Reply anonymous = http.withToken(null, "GET", "/prod/v2/deployments", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("error_code").asInt()).isEqualTo(401001);
        assertThat(http.withToken(null, "GET", "/prod/v2/balance", null).status()).isEqualTo(401);
        Reply missing = http.get("/prod/v2/deployments/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error_code").asInt()).isEqualTo(404001);
        assertThat(http.get("/prod/v2/deployments/sample-txt2img/requests/x/status").json().get("error_code")
                .asInt()).isEqualTo(404001);

        Reply bad = http.post("/prod/v2/deployments/sample-txt2img/inference",
                "{\"overrides\": {\"6\": {\"inputs\": {\"txt\": \"x\"}}}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error_code").asInt()).isEqualTo(422001);
        assertThat(bad.json().at("/detail/0/loc").toString()).isEqualTo("[\"overrides\",\"6\",\"inputs\",\"txt\"]");
        Reply badNode = http.post("/prod/v2/deployments/sample-txt2img/inference",
                "{\"overrides\": {\"99\": {\"inputs\": {\"text\": \"x\"}}}}");
        assertThat(badNode.json().at("/detail/0/loc").toString()).isEqualTo("[\"overrides\",\"99\"]");
    }

    @Test
    void balanceIsLabelledAsTheSandboxs() {
        JsonNode balance = http.get("/prod/v2/balance").json();
        assertThat(balance.get("balance_usd").isNumber()).isTrue();
        assertThat(balance.get("currency").asText()).isEqualTo("USD");
        assertThat(balance.get("note").asText()).isEqualTo("sandbox");
    }

    @Test
    void theInstanceProxyAnswersForInstancesFromStatusOnly() {
        String api = "/prod/v2/deployments/sample-txt2img";
        String id = http.submit(api, SMALL);
        String instance = http.awaitStatus(api, id, "completed").get("instance_id").asText();
        Reply info = http.post(api + "/instances/" + instance + "/proxy/object_info", "{}");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().has("KSampler")).isTrue();
        Reply free = http.post(api + "/instances/" + instance + "/proxy/api/free",
                "{\"unload_models\": true, \"free_memory\": true}");
        assertThat(free.status()).isEqualTo(200);
        Reply gone = http.post(api + "/instances/sandbox-gone-1/proxy/object_info", "{}");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error_code").asInt()).isEqualTo(404001);
    }

    @Test
    void webhooksInTheQueryStringAreAcceptedOnLoopbackOnly() {
        String path = "/prod/v2/deployments/sample-txt2img/inference";
        assertThat(http.post(path + "?webhook=http%3A%2F%2F127.0.0.1%3A9%2Fhook&webhook_intermediate_status=true",
                SMALL).status()).isEqualTo(200);
        Reply refused = http.post(path + "?webhook=https%3A%2F%2Fexample.com%2Fhook", SMALL);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error_code").asInt()).isEqualTo(422001);
    }

    private Reply patch(String path, String body) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUri() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + server.token()).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), RawHttp.JSON.readTree(r.body()), r.body(), r);
    }
}
