package app.comfydesk.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Plain java.net.http calls against a sandbox, for contract tests that must not lean on the project's client. */
final class RawHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode json, byte[] body, HttpResponse<byte[]> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    RawHttp(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    Reply get(String path) {
        return send(builder(path).GET(), token);
    }

    Reply post(String path, String body) {
        return send(builder(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), token);
    }

    Reply delete(String path) {
        return send(builder(path).DELETE(), token);
    }

    Reply withToken(String tokenOrNull, String method, String path, String body) {
        HttpRequest.Builder b = builder(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return send(b, tokenOrNull);
    }

    /** GETs an absolute URL with no Authorization header, as an output download must work. */
    Reply download(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET(), null);
    }

    /** Submits to {@code api} (".../deployments/<id>") and returns the request id, failing unless 200. */
    String submit(String api, String body) {
        Reply r = post(api + "/inference", body);
        if (r.status() != 200) {
            throw new AssertionError("submit answered " + r.status() + ": " + new String(r.body()));
        }
        return r.json().get("request_id").asText();
    }

    /** Polls the request's status until it is {@code status}. */
    JsonNode awaitStatus(String api, String requestId, String status) {
        return pollUntil(api + "/requests/" + requestId + "/status", s -> s.get("status").asText().equals(status));
    }

    /** Polls {@code path} until the JSON answer satisfies {@code done}; fails after 10 seconds. */
    JsonNode pollUntil(String path, Predicate<JsonNode> done) {
        return org.awaitility.Awaitility.await("polling " + path).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10)).until(() -> get(path).json(), done::test);
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    }

    private Reply send(HttpRequest.Builder b, String bearer) {
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = null;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/json") && r.body().length > 0) {
                json = JSON.readTree(r.body());
            }
            return new Reply(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
