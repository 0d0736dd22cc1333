package app.comfydesk.api;

import app.comfydesk.api.ApiTransport.Kind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.core5.http.ContentType;

/**
 * The RunComfy queue API for one deployment. Every call returns a future that completes with the parsed answer or
 * exceptionally with an {@link ApiException} (never another exception type); how calls are sent, bounded, retried
 * and their errors read is {@link ApiTransport}'s. {@link #deployments()} reaches the account side (v2).
 */
public final class RunComfyClient implements AutoCloseable {

    private final ApiTransport transport;
    private final DeploymentsApi deployments;

    public RunComfyClient(ApiEndpoint endpoint, Supplier<String> token, RetryPolicy retryPolicy) {
        this(endpoint, token, retryPolicy, ClientTimeouts.defaults(), Delayer.system());
    }

    public RunComfyClient(ApiEndpoint endpoint, Supplier<String> token, RetryPolicy retryPolicy,
                          ClientTimeouts timeouts, Delayer delayer) {
        this(endpoint, token, retryPolicy, timeouts, delayer, null);
    }

    /** {@code objectInfoCache}: where {@link #deployments()} keeps fetched object_info files (null: nowhere). */
    public RunComfyClient(ApiEndpoint endpoint, Supplier<String> token, RetryPolicy retryPolicy,
                          ClientTimeouts timeouts, Delayer delayer, Path objectInfoCache) {
        this.transport = new ApiTransport(Objects.requireNonNull(endpoint, "endpoint"), token, retryPolicy, timeouts,
                delayer, ApiTransport.MAX_ANSWER_BYTES);
        this.deployments = new DeploymentsApi(transport, false, objectInfoCache);
    }

    /** The most an API answer may hold (16 MiB); a larger one fails with a message naming the limit. */
    public static long maxAnswerBytes() {
        return ApiTransport.MAX_ANSWER_BYTES;
    }

    public ApiEndpoint endpoint() {
        return transport.endpoint();
    }

    /** Deployments, balance, object_info and the instance proxy, over this client's connections and token. */
    public DeploymentsApi deployments() {
        return deployments;
    }

    /**
     * Submits a job; a webhook goes in the query string. Fails with {@link SubmissionUncertainException} when the
     * server may have taken it.
     */
    public CompletableFuture<SubmitResponse> submit(SubmitRequest request) {
        byte[] body = ApiJson.write(request.toJson()).getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(endpoint().inferenceUri() + request.webhookQuery());
        return transport.call("submit", Kind.SUBMIT, () -> SimpleRequestBuilder.post(uri)
                .setBody(body, ContentType.APPLICATION_JSON).build(), json -> {
                    SubmitResponse r = SubmitResponse.from(json);
                    if (r.requestId() == null || r.requestId().isBlank()) {
                        throw new ApiException(200, null, "the server accepted the job but sent no request_id",
                                null, null);
                    }
                    return r;
                });
    }

    public CompletableFuture<StatusResponse> status(String requestId) {
        return transport.call("status", Kind.IDEMPOTENT,
                () -> SimpleRequestBuilder.get(endpoint().statusUri(requestId)).build(), StatusResponse::from);
    }

    public CompletableFuture<ResultResponse> result(String requestId) {
        return transport.call("result", Kind.IDEMPOTENT,
                () -> SimpleRequestBuilder.get(endpoint().resultUri(requestId)).build(), ResultResponse::from);
    }

    public CompletableFuture<CancelResponse> cancel(String requestId) {
        return transport.call("cancel", Kind.IDEMPOTENT,
                () -> SimpleRequestBuilder.post(endpoint().cancelUri(requestId)).build(), CancelResponse::from);
    }

    /** Purges a finished request's stored inputs and outputs; a running one answers 409. */
    public CompletableFuture<DeleteResponse> delete(String requestId) {
        return transport.call("delete", Kind.IDEMPOTENT,
                () -> SimpleRequestBuilder.delete(endpoint().requestUri(requestId)).build(), DeleteResponse::from);
    }

    /** Turns HttpClient's header and wire loggers off (they would print the token); see {@link ApiTransport}. */
    static void silenceSecretBearingLoggers() {
        ApiTransport.silenceSecretBearingLoggers();
    }

    /** Closes without waiting for calls still under way (see {@link ApiTransport#close()}). */
    @Override
    public void close() {
        transport.close();
    }
}
