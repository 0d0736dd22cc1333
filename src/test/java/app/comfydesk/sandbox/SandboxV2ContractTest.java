package app.comfydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.sandbox.RawHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RunComfy's v2 surface beyond the queue, over raw HTTP: deployments, payload, PATCH, balance, object_info, proxy. */
class SandboxV2ContractTest {

    @TempDir
    Path home;

    private SandboxServer server;
    private RawHttp http;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxConfig.forTests(home).build());
        http = new RawHttp(server.baseUri(), server.token());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsDeploymentsAsABareArrayWithRunComfysFields() {
        Reply list = http.get("/prod/v2/deployments");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().isArray()).isTrue();
        assertThat(list.json()).extracting(d -> d.get("id").asText())
                .containsExactly("sample-image-edit", "sample-txt2img");
        JsonNode d = list.json().get(1);
        for (String field : new String[] {"name", "workflow_id", "workflow_version", "hardware", "min_instances",
                "max_instances", "queue_size", "keep_warm_duration_in_seconds", "status", "is_enabled", "created_at",
                "updated_at"}) {
            assertThat(d.has(field)).as(field).isTrue();
        }
        assertThat(d.get("hardware").isArray()).isTrue();
        assertThat(d.has("payload")).isFalse();
        Reply some = http.get("/prod/v2/deployments?ids=sample-txt2img&includes=payload");
        assertThat(some.json()).hasSize(1);
        assertThat(some.json().get(0).path("payload").path("workflow_api_json").isObject()).isTrue();
    }

    @Test
    void payloadCarriesTheStoredWorkflowExactlyDefaultOverridesAndAnObjectInfoUrlOnTheSandbox() throws Exception {
        Path folder = server.home().resolve("deployments/exact");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("workflow_api.json"), "{\"1\": {\"class_type\": \"EmptyImage\", \"inputs\": "
                + "{\"width\": 8, \"height\": 8, \"batch_size\": 1, \"color\": 18446744073709551615}}}");
        Files.writeString(folder.resolve("overrides.json"), "{\"1\": {\"inputs\": {\"width\": 16}}}");
        Reply one = http.get("/prod/v2/deployments/exact?includes=payload");
        assertThat(one.status()).isEqualTo(200);
        String body = new String(one.body());
        assertThat(body).contains("18446744073709551615");
        JsonNode payload = one.json().get("payload");
        assertThat(payload.at("/overrides/1/inputs/width").asInt()).isEqualTo(16);
        String url = payload.get("object_info_url").asText();
        assertThat(url).startsWith(server.baseUri().toString());
        Reply info = http.get(url.substring(server.baseUri().toString().length()));
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().has("EmptyImage") || info.json().has("ImageInvert")).isTrue();
        info.json().fieldNames().forEachRemaining(type -> assertThat(server.supportedClassTypes()).contains(type));

        String before = one.json().get("workflow_version").asText();
        Files.writeString(folder.resolve("workflow_api.json"), "{\"1\": {\"class_type\": \"EmptyImage\", \"inputs\": "
                + "{\"width\": 9, \"height\": 8, \"batch_size\": 1, \"color\": 0}}}");
        assertThat(http.get("/prod/v2/deployments/exact").json().get("workflow_version").asText())
                .isNotEqualTo(before);
    }

    @Test
    void aDisabledDeploymentRefusesSubmitsWith10002UntilEnabledAgain() {
        Reply patched = http.withToken(server.token(), "PATCH", "/prod/v2/deployments/sample-txt2img",
                "{\"name\": \"sample-txt2img\", \"is_enabled\": false}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("is_enabled").asBoolean()).isFalse();
        Reply refused = http.post("/prod/v1/deployments/sample-txt2img/inference", "{}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error_code").asInt()).isEqualTo(10002);
        assertThat(refused.json().get("error_message").asText()).contains("disabled");
        http.withToken(server.token(), "PATCH", "/prod/v2/deployments/sample-txt2img", "{\"is_enabled\": true}");
        assertThat(http.post("/prod/v1/deployments/sample-txt2img/inference", "{}").status()).isEqualTo(200);
    }

    @Test
    void balanceIsAMadeUpAmountLabelledAsSuch() {
        Reply balance = http.get("/prod/v2/balance");
        assertThat(balance.status()).isEqualTo(200);
        assertThat(balance.json().get("currency").asText()).isEqualTo("USD");
        assertThat(balance.json().get("balance_usd").isNumber()).isTrue();
        assertThat(balance.json().get("note").asText()).contains("sandbox");
        assertThat(http.withToken(null, "GET", "/prod/v2/balance", null).status()).isEqualTo(401);
    }

    @Test
    void unknownDeploymentsAnswer404001() {
        Reply missing = http.get("/prod/v2/deployments/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error_code").asInt()).isEqualTo(404001);
    }

    @Test
    void theInstanceProxyAnswersObjectInfoAndFreeForALiveInstanceOnly() {
        String api = "/prod/v2/deployments/sample-txt2img";
        String id = http.submit(api, "{}");
        JsonNode done = http.awaitStatus(api, id, "completed");
        String instance = done.get("instance_id").asText();
        Reply info = http.post(api + "/instances/" + instance + "/proxy/object_info", "{}");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().size()).isPositive();
        Reply free = http.post(api + "/instances/" + instance + "/proxy/api/free",
                "{\"unload_models\": true, \"free_memory\": true}");
        assertThat(free.status()).isEqualTo(200);
        Reply gone = http.post(api + "/instances/not-an-instance/proxy/object_info", "{}");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error_code").asInt()).isEqualTo(404001);
    }
}
