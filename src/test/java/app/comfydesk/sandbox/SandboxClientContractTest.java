package app.comfydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiException;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.CancelOutcome;
import app.comfydesk.api.CancelResponse;
import app.comfydesk.api.DeleteResponse;
import app.comfydesk.api.OutputFile;
import app.comfydesk.api.RemoteStatus;
import app.comfydesk.api.ResultResponse;
import app.comfydesk.api.RetryPolicy;
import app.comfydesk.api.StatusResponse;
import app.comfydesk.api.SubmissionUncertainException;
import app.comfydesk.api.SubmitRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same contract, driven with the project's own {@code RunComfyClient}: the two must agree. */
class SandboxClientContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy FAST_RETRIES = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofSeconds(2), 0);

    @TempDir
    java.nio.file.Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T05:06:07Z"));
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private SandboxServer start(SandboxConfig.Builder config) throws Exception {
        SandboxServer server = SandboxServer.start(config.clock(clock).build());
        toClose.add(server);
        return server;
    }

    private app.comfydesk.api.RunComfyClient client(SandboxServer server, ApiVersion version, String deployment,
                                                    String token) {
        var client = new app.comfydesk.api.RunComfyClient(
                new ApiEndpoint(server.baseUri(), version, deployment), () -> token, FAST_RETRIES);
        toClose.add(client);
        return client;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(15, TimeUnit.SECONDS);
    }

    private static ApiException failure(java.util.concurrent.CompletableFuture<?> future) {
        try {
            future.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ApiException.class);
            return (ApiException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the call to fail");
    }

    private static StatusResponse pollStatus(app.comfydesk.api.RunComfyClient client, String id,
                                             Predicate<StatusResponse> done) throws Exception {
        // Real HTTP to a real sandbox: Awaitility polls until the answer satisfies done (10 s at most).
        return org.awaitility.Awaitility.await("status of " + id).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10)).until(() -> await(client.status(id)), done::test);
    }

    private static ObjectNode small() {
        ObjectNode overrides = JSON.createObjectNode();
        overrides.putObject("5").putObject("inputs").put("width", 64).put("height", 64);
        return overrides;
    }

    @ParameterizedTest
    @EnumSource(ApiVersion.class)
    void lifeCycleThroughTheClient(ApiVersion version) throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home));
        var client = client(server, version, "sample-txt2img", server.token());

        var submitted = await(client.submit(SubmitRequest.overrides(small())));
        assertThat(submitted.statusUrl()).contains("/prod/" + version.pathSegment() + "/");
        StatusResponse done = pollStatus(client, submitted.requestId(), s -> s.status().isFinished());
        assertThat(done.status()).isEqualTo(RemoteStatus.COMPLETED);
        assertThat(done.instanceId()).startsWith("sandbox-");

        ResultResponse result = await(client.result(submitted.requestId()));
        assertThat(result.status()).isEqualTo(RemoteStatus.SUCCEEDED);
        assertThat(result.outputs()).hasSize(1);
        OutputFile file = result.outputs().get(0);
        assertThat(file.nodeId()).isEqualTo("9");
        assertThat(file.filename()).isEqualTo("ComfyUI_00001_.png");
        assertThat(file.type()).isEqualTo("output");
        assertThat(new RawHttp(server.baseUri(), null).download(file.url()).status()).isEqualTo(200);

        DeleteResponse deleted = await(client.delete(submitted.requestId()));
        assertThat(deleted.deletedObjects()).isEqualTo(1);
        assertThat(await(client.delete(submitted.requestId())).deletedObjects()).isZero();
    }

    @Test
    void errorsArriveAsTypedApiExceptions() throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home));
        ApiException unauthorized = failure(client(server, ApiVersion.V1, "sample-txt2img", "wrong")
                .submit(SubmitRequest.overrides(small())));
        assertThat(unauthorized.httpStatus()).isEqualTo(401);
        assertThat(unauthorized.errorCode()).isEqualTo("unauthorized");

        ApiException noDeployment = failure(client(server, ApiVersion.V1, "missing", server.token())
                .submit(SubmitRequest.overrides(small())));
        assertThat(noDeployment.httpStatus()).isEqualTo(404);
        assertThat(noDeployment.errorCode()).isEqualTo("deployment_not_found");

        var client = client(server, ApiVersion.V2, "sample-txt2img", server.token());
        assertThat(failure(client.status("no-such-request")).httpStatus()).isEqualTo(404);

        ObjectNode bad = JSON.createObjectNode();
        bad.putObject("6").putObject("inputs").put("txt", "x");
        ApiException badOverride = failure(client.submit(SubmitRequest.overrides(bad)));
        assertThat(badOverride.httpStatus()).isEqualTo(400);
        assertThat(badOverride.userMessage()).contains("\"txt\"", "node \"6\"");
    }

    @Test
    void cancelAndDeleteRules() throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home).runTime(Duration.ofSeconds(30)));
        var client = client(server, ApiVersion.V1, "sample-txt2img", server.token());
        String running = await(client.submit(SubmitRequest.overrides(small()))).requestId();
        pollStatus(client, running, s -> s.status() == RemoteStatus.IN_PROGRESS);
        String queued = await(client.submit(SubmitRequest.overrides(small()))).requestId();
        StatusResponse waiting = await(client.status(queued));
        assertThat(waiting.status()).isEqualTo(RemoteStatus.IN_QUEUE);
        assertThat(waiting.queuePosition()).isZero();

        assertThat(failure(client.delete(running)).httpStatus()).isEqualTo(409);
        CancelResponse cancelQueued = await(client.cancel(queued));
        assertThat(cancelQueued.outcome()).isEqualTo(CancelOutcome.CANCELLED);
        CancelResponse cancelRunning = await(client.cancel(running));
        assertThat(cancelRunning.outcome()).isEqualTo(CancelOutcome.CANCELLATION_REQUESTED);
        pollStatus(client, running, s -> s.status() == RemoteStatus.CANCELLED);
        ResultResponse cancelled = await(client.result(running));
        assertThat(cancelled.status()).isEqualTo(RemoteStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).isNotBlank();
        assertThat(await(client.delete(running)).deletedObjects()).isZero();
    }

    /** The real API has been seen spelling it both ways; the client must end the job CANCELLED with either. */
    @ParameterizedTest
    @EnumSource(SandboxConfig.CancelledSpelling.class)
    void cancelEndsCancelledWithEitherSpelling(SandboxConfig.CancelledSpelling spelling) throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home).runTime(Duration.ofSeconds(30))
                .cancelledSpelling(spelling));
        var client = client(server, ApiVersion.V1, "sample-txt2img", server.token());
        String running = await(client.submit(SubmitRequest.overrides(small()))).requestId();
        pollStatus(client, running, s -> s.status() == RemoteStatus.IN_PROGRESS);
        String queued = await(client.submit(SubmitRequest.overrides(small()))).requestId();

        CancelResponse cancelQueued = await(client.cancel(queued));
        assertThat(cancelQueued.raw().get("outcome").asText()).isEqualTo(spelling.word());
        assertThat(cancelQueued.outcome()).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(await(client.cancel(running)).outcome()).isEqualTo(CancelOutcome.CANCELLATION_REQUESTED);

        for (String id : List.of(queued, running)) {
            StatusResponse status = pollStatus(client, id, s -> s.status().isFinished());
            assertThat(status.status()).isEqualTo(RemoteStatus.CANCELLED);
            ResultResponse result = await(client.result(id));
            assertThat(result.raw().get("status").asText()).isEqualTo(spelling.word());
            assertThat(result.status()).isEqualTo(RemoteStatus.CANCELLED);
            assertThat(result.finishedAt()).isNotBlank();
        }
        var raw = new RawHttp(server.baseUri(), server.token())
                .get("/prod/v1/deployments/sample-txt2img/requests/" + queued + "/status").json();
        assertThat(raw.get("status").asText()).isEqualTo(spelling.word());
    }

    @Test
    void finishedRequestIsNotCancellableAndFailuresNameTheNode() throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home));
        var client = client(server, ApiVersion.V1, "sample-image-edit", server.token());
        ObjectNode workflow = (ObjectNode) JSON.readTree("""
                {"1": {"class_type": "EmptyImage", "inputs": {"width": 4, "height": 4, "batch_size": 1, "color": 0}},
                 "2": {"class_type": "MysteryUpscaler", "inputs": {"image": ["1", 0]}},
                 "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "x"}}}""");
        String id = await(client.submit(SubmitRequest.dynamic(workflow))).requestId();
        pollStatus(client, id, s -> s.status().isFinished());
        ResultResponse failed = await(client.result(id));
        assertThat(failed.status()).isEqualTo(RemoteStatus.FAILED);
        assertThat(failed.error().get("node_id").asText()).isEqualTo("2");
        assertThat(failed.errorMessage()).contains("MysteryUpscaler");
        assertThat(await(client.cancel(id)).outcome()).isEqualTo(CancelOutcome.NOT_CANCELLABLE);
    }

    @Test
    void clientRetriesInjectedRateLimitsAndServerErrors() throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home));
        var client = client(server, ApiVersion.V1, "sample-txt2img", server.token());
        server.faults().next(1, "POST", "/inference$", Fault.tooManyRequests(Duration.ofSeconds(1)))
                .next(1, "GET", "/status$", Fault.serverError(503))
                .next(1, "GET", "/status$", Fault.dropConnection());
        String id = await(client.submit(SubmitRequest.overrides(small()))).requestId();
        assertThat(await(client.status(id)).requestId()).isEqualTo(id);
        assertThat(server.faults().hasPending()).isFalse();
    }

    @Test
    void lostSubmitAnswerIsReportedAsUncertain() throws Exception {
        SandboxServer server = start(SandboxConfig.forTests(home).runTime(Duration.ofSeconds(30)));
        var client = client(server, ApiVersion.V1, "sample-txt2img", server.token());
        String busy = await(client.submit(SubmitRequest.overrides(small()))).requestId();
        pollStatus(client, busy, s -> s.status() == RemoteStatus.IN_PROGRESS); // the only worker is taken
        server.faults().next(1, "POST", "/inference$", Fault.dropAfterProcessing());
        assertThatThrownBy(() -> client.submit(SubmitRequest.overrides(small())).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(SubmissionUncertainException.class);
        assertThat(server.queueLength()).as("the server did take the job").isEqualTo(1);

        server.faults().next(1, "POST", "/inference$", Fault.errorIn200("quota_exceeded", "Out of credits"));
        ApiException in200 = failure(client.submit(SubmitRequest.overrides(small())));
        assertThat(in200.errorCode()).isEqualTo("quota_exceeded");
    }
}
