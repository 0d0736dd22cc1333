package app.comfydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.comfydesk.sandbox.RawHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The queue API contract, driven over plain HTTP: every status code and every life-cycle step, for v1 and v2. */
class SandboxContractTest {

    private static final String SMALL = """
            {"overrides": {"5": {"inputs": {"width": 64, "height": 64}}}}""";

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05.123456Z"));
    private final List<SandboxServer> servers = new ArrayList<>();

    private SandboxServer start(SandboxConfig.Builder config) throws Exception {
        SandboxServer server = SandboxServer.start(config.clock(clock).build());
        servers.add(server);
        return server;
    }

    private SandboxServer startFast() throws Exception {
        return start(SandboxConfig.forTests(home));
    }

    @AfterEach
    void stop() {
        servers.forEach(SandboxServer::close);
    }

    private static RawHttp http(SandboxServer s) {
        return new RawHttp(s.baseUri(), s.token());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void submitPollResultDownloadDelete(String version) throws Exception {
        SandboxServer server = startFast();
        RawHttp http = http(server);
        String api = "/prod/" + version + "/deployments/sample-txt2img";

        Reply submitted = http.post(api + "/inference", SMALL);
        assertThat(submitted.status()).isEqualTo(200);
        String id = submitted.json().get("request_id").asText();
        String requestBase = server.baseUri() + api + "/requests/" + id;
        assertThat(submitted.json().get("status_url").asText()).isEqualTo(requestBase + "/status");
        assertThat(submitted.json().get("result_url").asText()).isEqualTo(requestBase + "/result");
        assertThat(submitted.json().get("cancel_url").asText()).isEqualTo(requestBase + "/cancel");

        JsonNode status = http.awaitStatus(api, id, "completed");
        assertThat(status.get("request_id").asText()).isEqualTo(id);
        assertThat(status.get("instance_id").asText()).startsWith("sandbox-");
        assertThat(status.has("queue_position")).isFalse();
        assertThat(status.get("result_url").asText()).isEqualTo(requestBase + "/result");

        Reply result = http.get(api + "/requests/" + id + "/result");
        assertThat(result.status()).isEqualTo(200);
        JsonNode json = result.json();
        assertThat(json.get("status").asText()).isEqualTo("succeeded");
        assertThat(json.get("created_at").asText()).isEqualTo("2026-01-02T03:04:05.123456");
        assertThat(json.get("finished_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(json.get("instance_id").asText()).isEqualTo(status.get("instance_id").asText());
        JsonNode image = json.get("outputs").get("9").get("images").get(0);
        assertThat(image.get("filename").asText()).isEqualTo("ComfyUI_00001_.png");
        assertThat(image.get("subfolder").asText()).isEmpty();
        assertThat(image.get("type").asText()).isEqualTo("output");
        String url = image.get("url").asText();
        assertThat(url).startsWith(server.baseUri() + "/outputs/").endsWith("/ComfyUI_00001_.png");

        Reply download = http.download(url); // no Authorization header
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(download.body()));
        assertThat(png.getWidth()).isEqualTo(64);

        Reply deleted = http.delete(api + "/requests/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("status").asText()).isEqualTo("deleted");
        assertThat(deleted.json().get("deleted_objects").asInt()).isEqualTo(1);
        assertThat(http.download(url).status()).isEqualTo(404);
        Reply again = http.delete(api + "/requests/" + id);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("deleted_objects").asInt()).isZero();
    }

    @Test
    void queuePositionFallsThenInstanceIdAppears() throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home).runTime(Duration.ofMillis(300)));
        RawHttp http = http(server);
        String api = "/prod/v1/deployments/sample-txt2img";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(http.submit(api, SMALL));
        }
        String third = api + "/requests/" + ids.get(2) + "/status";
        JsonNode waiting = http.pollUntil(third, s -> s.path("queue_position").asInt(-1) == 1);
        assertThat(waiting.get("status").asText()).isEqualTo("in_queue");
        assertThat(waiting.has("instance_id")).isFalse();
        http.pollUntil(third, s -> s.path("queue_position").asInt(-1) == 0);
        JsonNode running = http.pollUntil(third, s -> s.get("status").asText().equals("in_progress"));
        assertThat(running.get("instance_id").asText()).startsWith("sandbox-");
        assertThat(running.has("queue_position")).isFalse();

        // An early result call answers like status, without outputs.
        JsonNode early = http.get(api + "/requests/" + ids.get(2) + "/result").json();
        assertThat(early.get("status").asText()).isIn("in_progress", "completed", "succeeded");
        if (early.get("status").asText().equals("in_progress")) {
            assertThat(early.has("outputs")).isFalse();
        }
        http.pollUntil(third, s -> s.get("status").asText().equals("completed"));
    }

    @Test
    void cancelInQueueAndInProgressAndAfterCompletion() throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home).runTime(Duration.ofSeconds(30)));
        RawHttp http = http(server);
        String api = "/prod/v1/deployments/sample-txt2img";
        String running = http.submit(api, SMALL);
        String queued = http.submit(api, SMALL);
        http.awaitStatus(api, running, "in_progress");

        Reply deleteRunning = http.delete(api + "/requests/" + running);
        assertThat(deleteRunning.status()).isEqualTo(409);
        assertThat(deleteRunning.json().get("error_code").asText()).isEqualTo("request_not_finished");
        assertThat(deleteRunning.json().get("message").asText()).contains("in_progress");
        assertThat(http.delete(api + "/requests/" + queued).status()).isEqualTo(409);

        Reply cancelQueued = http.post(api + "/requests/" + queued + "/cancel", "");
        assertThat(cancelQueued.status()).isEqualTo(202);
        assertThat(cancelQueued.json().get("outcome").asText()).isEqualTo("cancelled");
        assertThat(cancelQueued.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelQueued.json().get("request_id").asText()).isEqualTo(queued);
        JsonNode queuedResult = http.get(api + "/requests/" + queued + "/result").json();
        assertThat(queuedResult.get("status").asText()).isEqualTo("cancelled");
        assertThat(queuedResult.has("finished_at")).isTrue();
        assertThat(queuedResult.has("instance_id")).isFalse();

        Reply cancelRunning = http.post(api + "/requests/" + running + "/cancel", "");
        assertThat(cancelRunning.status()).isEqualTo(202);
        assertThat(cancelRunning.json().get("outcome").asText()).isEqualTo("cancellation_requested");
        http.awaitStatus(api, running, "cancelled");
        JsonNode runningResult = http.get(api + "/requests/" + running + "/result").json();
        assertThat(runningResult.get("status").asText()).isEqualTo("cancelled");
        assertThat(runningResult.get("finished_at").asText()).isNotBlank();
        assertThat(runningResult.has("outputs")).isFalse();
        assertThat(http.delete(api + "/requests/" + running).json().get("deleted_objects").asInt()).isZero();
    }

    @Test
    void cancelAfterCompletionIsNotCancellable() throws Exception {
        SandboxServer server = startFast();
        RawHttp http = http(server);
        String api = "/prod/v2/deployments/sample-txt2img";
        String id = http.submit(api, SMALL);
        http.awaitStatus(api, id, "completed");
        Reply cancel = http.post(api + "/requests/" + id + "/cancel", "");
        assertThat(cancel.status()).isEqualTo(202);
        assertThat(cancel.json().get("outcome").asText()).isEqualTo("not_cancellable");
        assertThat(cancel.json().get("status").asText()).isEqualTo("completed");
        assertThat(http.get(api + "/requests/" + id + "/result").json().get("status").asText())
                .isEqualTo("succeeded");
    }

    @Test
    void missingOrWrongTokenIs401WithAnErrorBody() throws Exception {
        SandboxServer server = startFast();
        RawHttp http = http(server);
        String path = "/prod/v1/deployments/sample-txt2img/inference";
        for (String token : new String[] {null, "wrong", ""}) {
            Reply r = http.withToken(token, "POST", path, SMALL);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("error_code").asText()).isEqualTo("unauthorized");
            assertThat(r.json().get("message").asText()).isNotBlank();
            assertThat(r.json().has("detail")).isTrue();
        }
        // Authentication comes before existence checks, so ids cannot be probed without a token.
        assertThat(http.withToken(null, "GET", "/prod/v1/deployments/nope/requests/x/status", null).status())
                .isEqualTo(401);
        assertThat(server.queueLength()).isZero();
    }

    @Test
    void unknownDeploymentRequestAndEndpointAre404() throws Exception {
        SandboxServer server = startFast();
        RawHttp http = http(server);
        Reply noDeployment = http.post("/prod/v1/deployments/nope/inference", SMALL);
        assertThat(noDeployment.status()).isEqualTo(404);
        assertThat(noDeployment.json().get("error_code").asText()).isEqualTo("deployment_not_found");
        assertThat(noDeployment.json().get("detail").asText()).contains("sample-txt2img", "sample-image-edit");

        Reply noRequest = http.get("/prod/v1/deployments/sample-txt2img/requests/123/status");
        assertThat(noRequest.status()).isEqualTo(404);
        assertThat(noRequest.json().get("error_code").asText()).isEqualTo("request_not_found");
        assertThat(http.get("/prod/v1/deployments/nope/requests/123/result").json().get("error_code").asText())
                .isEqualTo("deployment_not_found");

        // A request id is only found under the deployment that ran it.
        String id = http.post("/prod/v1/deployments/sample-txt2img/inference", SMALL).json().get("request_id")
                .asText();
        assertThat(http.get("/prod/v1/deployments/sample-image-edit/requests/" + id + "/status").status())
                .isEqualTo(404);
        assertThat(http.get("/prod/v3/deployments/sample-txt2img/requests/" + id + "/status").status())
                .isEqualTo(404);
        assertThat(http.download(server.baseUri() + "/outputs/" + id + "/nothing.png").status()).isEqualTo(404);
        assertThat(http.download(server.baseUri() + "/outputs/" + id + "/../../token").status()).isEqualTo(404);
    }

    @Test
    void wrongMethodIs405() throws Exception {
        SandboxServer server = startFast();
        Reply r = http(server).get("/prod/v1/deployments/sample-txt2img/inference");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("POST");
    }

    @Test
    void badOverridesAre400WithAClearMessage() throws Exception {
        SandboxServer server = startFast();
        RawHttp http = http(server);
        String path = "/prod/v1/deployments/sample-txt2img/inference";

        Reply missingNode = http.post(path, "{\"overrides\": {\"99\": {\"inputs\": {\"text\": \"x\"}}}}");
        assertThat(missingNode.status()).isEqualTo(400);
        assertThat(missingNode.json().get("error_code").asText()).isEqualTo("invalid_request");
        assertThat(missingNode.json().get("message").asText())
                .isEqualTo("overrides name node \"99\", which does not exist; the workflow's nodes are "
                        + "3, 4, 5, 6, 7, 8, 9");

        Reply missingInput = http.post(path, "{\"overrides\": {\"6\": {\"inputs\": {\"txt\": \"x\"}}}}");
        assertThat(missingInput.status()).isEqualTo(400);
        assertThat(missingInput.json().get("message").asText())
                .isEqualTo("overrides name input \"txt\" of node \"6\" (CLIPTextEncode), which has no such input; "
                        + "its inputs are text, clip");

        assertThat(http.post(path, "{\"overrides\": {\"6\": {\"text\": \"x\"}}}").json().get("message").asText())
                .contains("{\"inputs\": {...}}");
        assertThat(http.post(path, "{not json").json().get("message").asText()).startsWith("The request body is not");
        assertThat(http.post(path, "[1]").status()).isEqualTo(400);
        assertThat(http.post(path, "{\"workflow_api_json\": {\"nodes\": [], \"links\": []}}").json().get("message")
                .asText()).contains("UI-format");
        assertThat(server.queueLength()).isZero();
    }

    @Test
    void overridesChangeTheRunAndKeepExactNumbers() throws Exception {
        SandboxServer server = startFast();
        RawHttp http = http(server);
        String api = "/prod/v1/deployments/sample-txt2img";
        String body = """
                {"overrides": {"5": {"inputs": {"width": 96, "height": 72}},
                               "3": {"inputs": {"seed": 18446744073709551615}},
                               "6": {"inputs": {"text": "a lighthouse at dusk"}}},
                 "webhook": "http://127.0.0.1:1/ignored", "extra_data": {"api_key_comfy_org": "comfyui-secret"}}""";
        String id = http.submit(api, body);
        http.awaitStatus(api, id, "completed");
        String url = http.get(api + "/requests/" + id + "/result").json().at("/outputs/9/images/0/url").asText();
        byte[] png = http.download(url).body();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(96);
        assertThat(image.getHeight()).isEqualTo(72);
        String prompt = app.comfydesk.sandbox.exec.TestImages.textChunk(png, "prompt");
        assertThat(prompt).contains("\"seed\": 18446744073709551615", "a lighthouse at dusk", "\"cfg\": 7.0")
                .doesNotContain("comfyui-secret");
    }

    @Test
    void dynamicWorkflowRunsAndUnknownNodeFailsWithNodeAndClass() throws Exception {
        SandboxServer server = startFast();
        RawHttp http = http(server);
        String api = "/prod/v1/deployments/sample-image-edit";
        String workflow = """
                {"workflow_api_json": {
                  "1": {"class_type": "EmptyImage", "inputs": {"width": 8, "height": 8, "batch_size": 2,
                        "color": 255}},
                  "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
                  "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "dyn/inv"}}}}""";
        String ok = http.submit(api, workflow);
        JsonNode okResult = http.pollUntil(api + "/requests/" + ok + "/result",
                s -> !s.get("status").asText().startsWith("in_"));
        assertThat(okResult.get("status").asText()).isEqualTo("succeeded");
        JsonNode images = okResult.at("/outputs/3/images");
        assertThat(images).hasSize(2);
        assertThat(images.get(1).get("filename").asText()).isEqualTo("inv_00002_.png");
        assertThat(images.get(1).get("subfolder").asText()).isEqualTo("dyn");
        assertThat(images.get(1).get("url").asText()).endsWith("/dyn/inv_00002_.png");
        assertThat(http.download(images.get(1).get("url").asText()).status()).isEqualTo(200);

        String broken = workflow.replace("\"ImageInvert\"", "\"TotallyCustomNode\"");
        String failed = http.submit(api, broken);
        JsonNode status = http.awaitStatus(api, failed, "completed");
        assertThat(status.get("status").asText()).isEqualTo("completed");
        JsonNode result = http.get(api + "/requests/" + failed + "/result").json();
        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.at("/error/node_id").asText()).isEqualTo("2");
        assertThat(result.at("/error/class_type").asText()).isEqualTo("TotallyCustomNode");
        assertThat(result.at("/error/message").asText()).contains("Node 2", "TotallyCustomNode");
        assertThat(result.has("outputs")).isFalse();
        assertThat(result.has("finished_at")).isTrue();
    }

    @Test
    void hostedOutputsAndInputsVanishAfterRetention() throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home).retention(Duration.ofDays(7)));
        RawHttp http = http(server);
        String api = "/prod/v1/deployments/sample-image-edit";
        String id = http.submit(api, "{}");
        JsonNode result = http.pollUntil(api + "/requests/" + id + "/result",
                s -> s.get("status").asText().equals("succeeded"));
        String url = result.at("/outputs/14/images/0/url").asText();
        assertThat(http.download(url).status()).isEqualTo(200);

        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(http.download(url).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(2));
        Reply gone = http.download(url);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error_code").asText()).isEqualTo("output_not_found");
        // The request itself is still known; its assets are gone, so deleting finds nothing left.
        assertThat(http.get(api + "/requests/" + id + "/result").json().get("status").asText())
                .isEqualTo("succeeded");
        assertThat(http.delete(api + "/requests/" + id).json().get("deleted_objects").asInt()).isZero();
    }

    @Test
    void deleteCountsUploadedInputsToo() throws Exception {
        SandboxServer server = startFast();
        RawHttp http = http(server);
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        String dataUri = app.comfydesk.sandbox.exec.TestImages.dataUri(img);
        String api = "/prod/v1/deployments/sample-image-edit";
        String id = http.submit(api, "{\"overrides\": {\"10\": {\"inputs\": {\"image\": \"" + dataUri
                + "\"}}}}");
        http.awaitStatus(api, id, "completed");
        assertThat(http.delete(api + "/requests/" + id).json().get("deleted_objects").asInt()).isEqualTo(2);
    }

    @Test
    void loadImageFetchesFromLoopbackUrls() throws Exception {
        SandboxServer server = startFast();
        RawHttp http = http(server);
        // First run produces an output; a second run loads it back through its hosted URL.
        String api = "/prod/v1/deployments/sample-image-edit";
        String first = http.submit(api, "{}");
        String url = http.pollUntil(api + "/requests/" + first + "/result",
                s -> s.get("status").asText().equals("succeeded")).at("/outputs/14/images/0/url").asText();
        String second = http.submit(api, "{\"overrides\": {\"10\": {\"inputs\": {\"image\": \"" + url
                + "\"}}}}");
        JsonNode result = http.pollUntil(api + "/requests/" + second + "/result",
                s -> !s.get("status").asText().startsWith("in_"));
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("succeeded");
        BufferedImage twiceScaled = ImageIO.read(new ByteArrayInputStream(
                http.download(result.at("/outputs/14/images/0/url").asText()).body()));
        assertThat(twiceScaled.getWidth()).isEqualTo(640);
    }

    @Test
    void injectedFaultsHitOnlyTheMatchingRequests() throws Exception {
        SandboxServer server = startFast();
        RawHttp http = http(server);
        String path = "/prod/v1/deployments/sample-txt2img/inference";
        server.faults().next(1, "POST", "/inference$", Fault.tooManyRequests(Duration.ofSeconds(3)))
                .next(1, "POST", "/inference$", Fault.serverError(503))
                .next(1, null, "/inference$", Fault.errorIn200("quota_exceeded", "Out of credits"));

        Reply limited = http.post(path, SMALL);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("3");
        assertThat(limited.json().get("error_code").asText()).isEqualTo("rate_limited");
        assertThat(http.post(path, SMALL).status()).isEqualTo(503);
        Reply in200 = http.post(path, SMALL);
        assertThat(in200.status()).isEqualTo(200);
        assertThat(in200.json().get("error_code").asText()).isEqualTo("quota_exceeded");
        assertThat(server.queueLength()).isZero();
        assertThat(http.post(path, SMALL).status()).isEqualTo(200);
        assertThat(server.faults().hasPending()).isFalse();
    }

    @Test
    void droppedConnectionsBeforeAndAfterProcessing() throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home).runTime(Duration.ofSeconds(30)));
        RawHttp http = http(server);
        String path = "/prod/v1/deployments/sample-txt2img/inference";
        server.faults().next(1, "POST", "/inference$", Fault.dropConnection());
        assertThatThrownBy(() -> http.post(path, SMALL)).isInstanceOf(UncheckedIOException.class);
        assertThat(server.queueLength()).isZero();

        // The submission is accepted, but its answer is lost: the client cannot know it exists.
        String busy = http.submit("/prod/v1/deployments/sample-txt2img", SMALL);
        http.awaitStatus("/prod/v1/deployments/sample-txt2img", busy, "in_progress"); // the only worker is taken
        server.faults().next(1, "POST", "/inference$", Fault.dropAfterProcessing());
        assertThatThrownBy(() -> http.post(path, SMALL)).isInstanceOf(UncheckedIOException.class);
        assertThat(server.queueLength()).isEqualTo(1);
        assertThat(http.post(path, SMALL).status()).isEqualTo(200);
        assertThat(server.queueLength()).isEqualTo(2);
    }

    @Test
    void latencyDelaysEveryAnswer() throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home).latency(Duration.ofMillis(150)));
        long start = System.nanoTime();
        assertThat(http(server).get("/prod/v1/deployments/sample-txt2img/requests/x/status").status()).isEqualTo(404);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void tokenIsRandomPerHomeAndPersisted() throws Exception {
        SandboxServer first = start(SandboxConfig.builder(home));
        String token = first.token();
        assertThat(token).startsWith("sbx_").hasSizeGreaterThan(20);
        first.close();
        servers.remove(first);
        SandboxServer second = start(SandboxConfig.builder(home));
        assertThat(second.token()).isEqualTo(token);
        assertThat(Files.readString(home.resolve("token"))).isEqualTo(token);
        assertThat(second.baseUri().toString()).matches(Pattern.compile("http://127\\.0\\.0\\.1:\\d+"));
        assertThat(second.deployments()).contains("sample-txt2img", "sample-image-edit");
        assertThat(second.supportedClassTypes()).contains("KSampler", "LoadImage", "SaveImage")
                .doesNotContain("VHS_VideoCombine");
        assertThat(Files.exists(home.resolve("input/sandbox-sample.png"))).isTrue();
    }

    @Test
    void twoWorkersRunTwoRequestsAtOnce() throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home).workers(2).runTime(Duration.ofSeconds(30)));
        RawHttp http = http(server);
        String api = "/prod/v1/deployments/sample-txt2img";
        String a = http.submit(api, SMALL);
        String b = http.submit(api, SMALL);
        JsonNode sa = http.awaitStatus(api, a, "in_progress");
        JsonNode sb = http.awaitStatus(api, b, "in_progress");
        assertThat(sa.get("instance_id").asText()).isNotEqualTo(sb.get("instance_id").asText());
    }

    @Test
    void twoServersOnOneHomeKeepEachOthersOutputsAndLeftoversAreCleared() throws Exception {
        Path leftover = Files.createDirectories(home.resolve("storage/old-instance/some-request/outputs"));
        Files.writeString(leftover.resolve("x.png"), "stale");
        SandboxServer first = startFast();
        assertThat(home.resolve("storage/old-instance")).doesNotExist();
        RawHttp http = http(first);
        String api = "/prod/v1/deployments/sample-image-edit";
        String id = http.submit(api, "{}");
        String url = http.pollUntil(api + "/requests/" + id + "/result",
                s -> s.get("status").asText().equals("succeeded")).at("/outputs/14/images/0/url").asText();

        SandboxServer second = startFast();
        assertThat(second.baseUri()).isNotEqualTo(first.baseUri());
        assertThat(http.download(url).status()).isEqualTo(200);
        second.close();
        servers.remove(second);
        assertThat(http.download(url).status()).isEqualTo(200);
    }

    @Test
    void requestsOutliveARestartOfTheSandbox() throws Exception {
        SandboxServer first = start(SandboxConfig.forTests(home).runTime(Duration.ofSeconds(30)));
        RawHttp http = http(first);
        String api = "/prod/v1/deployments/sample-image-edit";
        String running = http.submit(api, "{}");
        String queued = http.submit(api, "{}");
        http.awaitStatus(api, running, "in_progress");
        first.close();
        servers.remove(first);

        SandboxServer second = startFast();
        RawHttp again = http(second);
        again.awaitStatus(api, running, "completed");
        again.awaitStatus(api, queued, "completed");
        JsonNode result = again.get(api + "/requests/" + queued + "/result").json();
        assertThat(result.get("status").asText()).isEqualTo("succeeded");
        String url = result.at("/outputs/14/images/0/url").asText();
        assertThat(url).startsWith(second.baseUri().toString());
        second.close();
        servers.remove(second);

        // Finished requests and their hosted files are still there for the next server, until deleted.
        SandboxServer third = startFast();
        RawHttp later = http(third);
        JsonNode stored = later.get(api + "/requests/" + queued + "/result").json();
        assertThat(stored.get("status").asText()).isEqualTo("succeeded");
        assertThat(stored.get("created_at").asText()).isEqualTo(result.get("created_at").asText());
        String moved = stored.at("/outputs/14/images/0/url").asText();
        assertThat(later.download(moved).status()).isEqualTo(200);
        assertThat(later.delete(api + "/requests/" + queued).json().get("deleted_objects").asInt()).isEqualTo(1);
        assertThat(later.download(moved).status()).isEqualTo(404);
    }
}
