package app.comfydesk.api;

import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of every API call, over Apache HttpClient 5 (async, pooled): the bearer token (to the API origin
 * only), bounded answer reading ({@link #MAX_ANSWER_BYTES}), error answers ({@link RunComfyErrorCode} in any status, a
 * 200 included) and retries. Every call completes with the parsed answer or exceptionally with an
 * {@link ApiException} (never another exception type).
 *
 * <p>Retries: idempotent calls are retried on network errors, 408, 429, 5xx and 500001. Submit is not idempotent: it
 * is retried only when the server certainly did not take it (429, 503, 500001, connection refused / not
 * established); when the outcome is unknown (read timeout, connection dropped after sending) it fails with
 * {@link SubmissionUncertainException}. 401/403/404 and RunComfy's other codes are never retried. Redirects are not
 * followed, so the token goes nowhere but the configured origin; no cookies are kept.
 */
final class ApiTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTransport.class);

    /** HttpClient's loggers that print request headers (the Authorization header) and raw bytes. */
    private static final List<String> SECRET_BEARING_LOGGERS = List.of("org.apache.hc.client5.http.headers",
            "org.apache.hc.client5.http.wire");

    static {
        silenceSecretBearingLoggers();
    }

    private final ApiEndpoint endpoint;
    private final long maxAnswerBytes;
    private final Supplier<String> token;
    private final RetryPolicy retryPolicy;
    private final Delayer delayer;
    private final CloseableHttpAsyncClient http;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Calls not yet answered (retry waits included): closing fails them, so nobody waits on a closed client. */
    private final Set<CompletableFuture<?>> unanswered = ConcurrentHashMap.newKeySet();

    ApiTransport(ApiEndpoint endpoint, Supplier<String> token, RetryPolicy retryPolicy, ClientTimeouts timeouts,
                 Delayer delayer, long maxAnswerBytes) {
        this.maxAnswerBytes = maxAnswerBytes;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.token = Objects.requireNonNull(token, "token");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.delayer = Objects.requireNonNull(delayer, "delayer");
        // Again per client: a logging configuration loaded (or reloaded) since the class was initialised may have
        // switched them on.
        silenceSecretBearingLoggers();
        ConnectionConfig connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(timeouts.connect()))
                .setSocketTimeout(Timeout.of(timeouts.response()))
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .setTimeToLive(TimeValue.ofMinutes(5))
                .build();
        this.http = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(128)
                        .setMaxConnPerRoute(64)
                        .setDefaultConnectionConfig(connectionConfig)
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1)
                        .setSoTimeout(Timeout.of(timeouts.response())).build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(timeouts.response()))
                        .setConnectionRequestTimeout(Timeout.ofMinutes(5))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableAuthCaching()
                .setUserAgent("ComfyDesk")
                .setIoReactorExceptionCallback(ApiTransport::ioThreadFailed)
                .build();
        this.http.start();
    }

    /**
     * Failures of HttpClient's I/O thread itself, which its default logs at ERROR with a stack trace. Among them is
     * an expected one: closed while a call is under way (quitting, or switching profiles mid-poll), the reactor may
     * list its channels after its selector has closed (an HttpCore bug) and throw ClosedSelectorException. That one
     * is a line at debug level; anything else is unexpected and keeps its trace.
     */
    static void ioThreadFailed(Exception failure) {
        if (failure instanceof java.nio.channels.ClosedSelectorException) {
            LOG.debug("HTTP I/O thread stopped while the client closed: {}", failure.toString());
        } else {
            LOG.error("HTTP I/O thread failed", failure);
        }
    }

    /** The most an API answer may hold; a larger one fails with a message naming this limit. */
    static final long MAX_ANSWER_BYTES = 16L * 1024 * 1024;

    enum Kind { SUBMIT, IDEMPOTENT }

    ApiEndpoint endpoint() {
        return endpoint;
    }

    /** One call, retried as {@code kind} allows; answers up to the client's limit. */
    <T> CompletableFuture<T> call(String name, Kind kind, Supplier<SimpleHttpRequest> requests,
                                  Function<JsonNode, T> parser) {
        return call(name, kind, requests, parser, maxAnswerBytes, false);
    }

    /**
     * One call whose answer may hold up to {@code limit} bytes; {@code exact}: read with {@link ExactJson}, keeping
     * every number as written (for workflows).
     */
    <T> CompletableFuture<T> call(String name, Kind kind, Supplier<SimpleHttpRequest> requests,
                                  Function<JsonNode, T> parser, long limit, boolean exact) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Function<JsonNode, T> checked = exact ? parser : json -> {
            if (!json.isObject()) {
                throw new ApiException(200, null, "the server's answer is not a JSON object", null, null);
            }
            return parser.apply(json);
        };
        unanswered.add(result);
        result.whenComplete((value, error) -> unanswered.remove(result));
        attempt(name, kind, requests, checked, 1, result, limit, exact);
        return result;
    }

    private <T> void attempt(String name, Kind kind, Supplier<SimpleHttpRequest> requests,
                             Function<JsonNode, T> parser, int attempt, CompletableFuture<T> result, long limit,
                             boolean exact) {
        if (result.isDone()) {
            return;
        }
        SimpleHttpRequest request = requests.get();
        request.setHeader("Accept", "application/json");
        URI uri;
        try {
            uri = request.getUri();
        } catch (java.net.URISyntaxException e) {
            result.completeExceptionally(new ApiException(0, null, "invalid request URL", null, e));
            return;
        }
        String bearer = token.get();
        if (bearer != null && !bearer.isBlank() && endpoint.isApiOrigin(uri)) {
            request.setHeader("Authorization", "Bearer " + bearer.trim());
        }
        inFlight.incrementAndGet();
        http.execute(SimpleRequestProducer.create(request), new BoundedResponseConsumer(limit),
                new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                inFlight.decrementAndGet();
                Outcome<T> outcome;
                try {
                    outcome = Outcome.value(ApiAnswers.interpret(response, parser, exact));
                } catch (ApiException e) {
                    outcome = Outcome.failure(e, ApiAnswers.retryAfter(response));
                } catch (RuntimeException e) {
                    outcome = Outcome.failure(new ApiException(response.getCode(), null,
                            "unreadable answer from the server", null, e), null);
                }
                finish(name, kind, requests, parser, attempt, result, outcome, limit, exact);
            }

            @Override
            public void failed(Exception ex) {
                inFlight.decrementAndGet();
                finish(name, kind, requests, parser, attempt, result, Outcome.failure(network(kind, ex), null),
                        limit, exact);
            }

            @Override
            public void cancelled() {
                inFlight.decrementAndGet();
                result.completeExceptionally(ApiException.network("the request was cancelled", null));
            }
        });
    }

    private <T> void finish(String name, Kind kind, Supplier<SimpleHttpRequest> requests, Function<JsonNode, T> parser,
                            int attempt, CompletableFuture<T> result, Outcome<T> outcome, long limit,
                            boolean exact) {
        if (outcome.error == null) {
            result.complete(outcome.value);
            return;
        }
        ApiException error = outcome.error;
        Duration wait = retryable(kind, error) && attempt < retryPolicy.maxAttempts()
                ? waitBefore(attempt, outcome.retryAfter) : null;
        if (wait == null) {
            if (error instanceof NotSent notSent) {
                error = notSent.plain();
            }
            LOG.debug("{} {} failed after {} attempt(s): {}", name, endpoint.deploymentId(), attempt,
                    error.userMessage());
            result.completeExceptionally(error);
            return;
        }
        LOG.debug("{} attempt {} failed ({}); retrying in {} ms", name, attempt, error.userMessage(), wait.toMillis());
        delayer.after(wait).whenComplete((ignored, t) -> attempt(name, kind, requests, parser, attempt + 1, result,
                limit, exact));
    }

    private Duration waitBefore(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(retryPolicy.maxRetryAfter()) > 0 ? null : retryAfter;
        }
        return retryPolicy.backoff(attempt);
    }

    private static boolean retryable(Kind kind, ApiException e) {
        int status = e.httpStatus();
        if (e.runComfyCode().map(RunComfyErrorCode::retryable).orElse(false)) {
            return true;   // an explicit error answer: the server did not take the call, submit included
        }
        if (e.runComfyCode().isPresent()) {
            return false;  // balance, token, disabled, invalid: asking again gives the same answer
        }
        if (kind == Kind.SUBMIT) {
            return status == 429 || status == 503 || e instanceof NotSent;
        }
        return e.isNetworkError() || status == 408 || status == 429 || status >= 500;
    }

    private static ApiException network(Kind kind, Exception ex) {
        Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
        if (cause instanceof BoundedResponseConsumer.TooLarge tooLarge) {
            String what = "the server's answer is larger than the limit of " + (tooLarge.limit >> 20)
                    + " MiB for an API answer; it was not read further (check the base URL)";
            return kind == Kind.SUBMIT ? new SubmissionUncertainException(what, cause)
                    : new ApiException(0, null, what, null, cause);
        }
        boolean notSent = cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException;
        String what = describe(cause);
        if (notSent) {
            return new NotSent(what, cause);
        }
        if (kind == Kind.SUBMIT) {
            return new SubmissionUncertainException(what, cause);
        }
        return ApiException.network(what, cause);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof UnknownHostException) {
            return "unknown host " + cause.getMessage() + "; check the base URL and your connection";
        }
        if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                || cause instanceof NoRouteToHostException) {
            return "could not connect to the server; check the base URL and your connection";
        }
        if (cause instanceof SocketTimeoutException) {
            return "the server did not answer in time";
        }
        if (cause instanceof org.apache.hc.core5.http.ConnectionClosedException
                || cause instanceof java.net.SocketException && String.valueOf(cause.getMessage()).toLowerCase(
                        java.util.Locale.ROOT).contains("reset")) {
            return "the server closed the connection";
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return "the secure (TLS) connection to the server failed; check the base URL";
        }
        if (cause instanceof org.apache.hc.core5.http.ProtocolException
                || cause instanceof org.apache.hc.core5.http.MalformedChunkCodingException) {
            return "the server's answer was garbled";
        }
        return "the connection to the server failed";
    }

    /**
     * Turns HttpClient's header and wire loggers OFF, whatever the logging configuration says: at DEBUG they would
     * print the bearer token. Logback is the binding; with another one this does nothing.
     */
    static void silenceSecretBearingLoggers() {
        for (String name : SECRET_BEARING_LOGGERS) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger
                    && logger.getLevel() != ch.qos.logback.classic.Level.OFF) {
                logger.setLevel(ch.qos.logback.classic.Level.OFF);
            }
        }
    }

    /**
     * Closes without waiting for calls still under way (their answers are of no use to whoever closes): a graceful
     * close would hold the caller, which may be the app quitting on the FX thread, up to 5 s for a slow server.
     * An idle client closes gracefully (an immediate close makes HttpClient log a spurious error).
     */
    @Override
    public void close() {
        http.close(inFlight.get() == 0 ? CloseMode.GRACEFUL : CloseMode.IMMEDIATE);
        for (CompletableFuture<?> call : List.copyOf(unanswered)) {
            call.completeExceptionally(ApiException.network("the client was closed before the server answered",
                    null));
        }
    }

    /** A network failure before the request was sent: safe to retry even for submit. */
    private static final class NotSent extends ApiException {
        private final String what;

        NotSent(String what, Throwable cause) {
            super(0, null, what, null, true, cause);
            this.what = what;
        }

        ApiException plain() {
            return ApiException.network(what, getCause());
        }
    }

    private record Outcome<T>(T value, ApiException error, Duration retryAfter) {
        static <T> Outcome<T> value(T value) {
            return new Outcome<>(value, null, null);
        }

        static <T> Outcome<T> failure(ApiException error, Duration retryAfter) {
            return new Outcome<>(null, error, retryAfter);
        }
    }
}
