package app.comfydesk.sandbox;

import app.comfydesk.sandbox.SandboxRequest.Snapshot;
import app.comfydesk.sandbox.SandboxRequest.State;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes request changes to the webhook a client gave on submit, as RunComfy does: the final answer (the result
 * JSON plus {@code deployment_id}) always, {@code in_queue} / {@code in_progress} (the status JSON) when
 * {@code webhook_intermediate_status} was true. Best effort, like the real service: one delivery thread in order,
 * short timeouts, no retries; a slow or absent receiver never holds up a worker or an HTTP answer.
 */
final class Webhooks implements RequestQueue.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_PENDING = 1000;

    private final Answers answers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_PENDING), r -> {
                Thread t = new Thread(r, "sandbox-webhooks");
                t.setDaemon(true);
                return t;
            });

    Webhooks(Answers answers) {
        this.answers = answers;
    }

    @Override
    public void changed(SandboxRequest request, Snapshot now) {
        SandboxRequest.Webhook webhook = request.webhook;
        boolean terminal = now.state().isTerminal();
        if (webhook == null || (!terminal && !webhook.intermediate())) {
            return;
        }
        // Built now, from the snapshot: the payload says what happened at this change, not later.
        ObjectNode payload = terminal ? answers.result(request.apiVersion, now)
                : answers.status(request.apiVersion, now);
        payload.put("deployment_id", now.deploymentId());
        if (now.state() == State.IN_QUEUE || now.state() == State.IN_PROGRESS) {
            payload.put("created_at", SandboxJson.timestamp(now.createdAt()));
        }
        byte[] body = SandboxJson.bytes(payload);
        try {
            sender.execute(() -> send(webhook.url(), now.id(), body));
        } catch (RejectedExecutionException e) {
            LOG.warn("dropping a webhook for sandbox request {}: too many pending or the server is stopping", now.id());
        }
    }

    private void send(URI url, String requestId, byte[] body) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOG.info("webhook {} for sandbox request {} answered HTTP {}", url, requestId, response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.info("webhook {} for sandbox request {} failed: {}", url, requestId, e.toString());
        }
    }

    /** Lets the deliveries already queued go out for a moment, then drops the rest. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(1, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
