package app.comfydesk.api;

import app.comfydesk.files.AtomicFiles;
import app.comfydesk.api.ApiTransport.Kind;
import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.core5.http.ContentType;

/**
 * The account side of RunComfy's v2 API: deployments (with their stored workflow), balance, each deployment's
 * {@code object_info} (cached on disk per deployment and workflow version) and the instance proxy. Answers are read
 * with {@link ExactJson}, so a stored workflow keeps every number as written (2^64-1, 1e-05).
 */
public final class DeploymentsApi implements AutoCloseable {

    /** The most an object_info answer may hold (a ComfyUI with many custom nodes sends several MiB). */
    public static final long MAX_OBJECT_INFO_BYTES = 64L * 1024 * 1024;

    private static final List<String> PAYLOAD = List.of("payload");

    private final ApiTransport transport;
    private final boolean ownsTransport;
    private final Path objectInfoCache;

    DeploymentsApi(ApiTransport transport, boolean ownsTransport, Path objectInfoCache) {
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.objectInfoCache = objectInfoCache;
    }

    /**
     * A client of its own for {@code baseUrl} (no deployment needed). {@code objectInfoCache}: the folder that keeps
     * fetched object_info files, or null to keep none.
     */
    public static DeploymentsApi open(URI baseUrl, ApiVersion version, Supplier<String> token, RetryPolicy retry,
                                      ClientTimeouts timeouts, Delayer delayer, Path objectInfoCache) {
        ApiEndpoint account = new ApiEndpoint(baseUrl, version, "account");
        return new DeploymentsApi(new ApiTransport(account, token, retry, timeouts, delayer,
                ApiTransport.MAX_ANSWER_BYTES), true, objectInfoCache);
    }

    /** The account's deployments; the answer may be a bare array or {@code {"deployments": [...]}}. */
    public CompletableFuture<List<Deployment>> list(boolean withPayload) {
        URI uri = transport.endpoint().deploymentsUri(withPayload ? PAYLOAD : List.of());
        return transport.call("deployments", Kind.IDEMPOTENT, () -> SimpleRequestBuilder.get(uri).build(), json -> {
            JsonNode list = json.isArray() ? json : json.get("deployments");
            if (list == null || !list.isArray()) {
                throw new ApiException(200, null, "the deployments answer is neither a list nor "
                        + "{\"deployments\": [...]}", null, null);
            }
            List<Deployment> out = new ArrayList<>();
            for (JsonNode d : list) {
                if (d.isObject()) {
                    out.add(Deployment.from(d));
                }
            }
            return List.copyOf(out);
        }, ApiTransport.MAX_ANSWER_BYTES, true);
    }

    /** One deployment; {@code withPayload} asks for its stored workflow, default overrides and object_info URL. */
    public CompletableFuture<Deployment> get(String id, boolean withPayload) {
        URI uri = transport.endpoint().deploymentUri(id, withPayload ? PAYLOAD : List.of());
        return transport.call("deployment", Kind.IDEMPOTENT, () -> SimpleRequestBuilder.get(uri).build(), json -> {
            JsonNode one = json.isObject() && json.has("deployment") && json.get("deployment").isObject()
                    ? json.get("deployment") : json;
            if (json.isArray()) {
                one = json.isEmpty() ? null : json.get(0);
            }
            if (one == null || !one.isObject()) {
                throw new ApiException(200, null, "the deployment answer holds no deployment", null, null);
            }
            return Deployment.from(one);
        }, ApiTransport.MAX_ANSWER_BYTES, true);
    }

    public CompletableFuture<Balance> balance() {
        URI uri = transport.endpoint().balanceUri();
        return transport.call("balance", Kind.IDEMPOTENT, () -> SimpleRequestBuilder.get(uri).build(),
                Balance::from, ApiTransport.MAX_ANSWER_BYTES, true);
    }

    /**
     * The deployment's object_info (node classes and their input specs), from the cache when this deployment and
     * workflow version were fetched before. The token goes with the request only when the URL is on the API's own
     * origin. Fails with an {@link ApiException} when the payload names no object_info URL.
     */
    public CompletableFuture<JsonNode> objectInfo(Deployment deployment) {
        URI url = deployment.payload().map(DeploymentPayload::objectInfoUrl).orElse(null);
        if (url == null) {
            return CompletableFuture.failedFuture(new ApiException(0, null, "deployment " + deployment.id()
                    + " names no object_info_url (fetch it with its payload)", null, null));
        }
        Path cached = cacheFile(deployment);
        if (cached != null) {
            try {
                if (Files.isRegularFile(cached) && Files.size(cached) <= MAX_OBJECT_INFO_BYTES) {
                    return CompletableFuture.completedFuture(ExactJson.parse(Files.readAllBytes(cached)));
                }
            } catch (IOException e) {
                // Unreadable or half-understood copy: fetch it again (the fresh copy replaces it).
            }
        }
        return transport.call("object_info", Kind.IDEMPOTENT, () -> SimpleRequestBuilder.get(url).build(),
                json -> {
                    if (cached != null) {
                        store(cached, json);
                    }
                    return json;
                }, MAX_OBJECT_INFO_BYTES, true);
    }

    /** ComfyUI's own {@code object_info} from the live instance, through the proxy. */
    public CompletableFuture<JsonNode> proxyObjectInfo(String deploymentId, String instanceId) {
        return proxy(deploymentId, instanceId, "object_info", ApiJson.object(), MAX_OBJECT_INFO_BYTES);
    }

    /** Asks the live instance to unload its models and free memory ({@code api/free}). */
    public CompletableFuture<JsonNode> freeMemory(String deploymentId, String instanceId) {
        ObjectNode body = ApiJson.object().put("unload_models", true).put("free_memory", true);
        return proxy(deploymentId, instanceId, "api/free", body, ApiTransport.MAX_ANSWER_BYTES);
    }

    /** {@code POST .../instances/{instanceId}/proxy/{comfyPath}} with {@code body} ({@code {}} by default). */
    public CompletableFuture<JsonNode> proxy(String deploymentId, String instanceId, String comfyPath, JsonNode body,
                                             long limit) {
        Objects.requireNonNull(instanceId, "instanceId");
        URI uri;
        try {
            ApiEndpoint e = transport.endpoint();
            uri = new ApiEndpoint(e.baseUrl(), e.version(), deploymentId).proxyUri(instanceId, comfyPath);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new ApiException(0, null, e.getMessage(), null, e));
        }
        byte[] bytes = ApiJson.write(body == null ? ApiJson.object() : body).getBytes(StandardCharsets.UTF_8);
        // Not retried blindly: api/free is harmless twice, but a proxied path may not be.
        return transport.call("proxy", Kind.SUBMIT, () -> SimpleRequestBuilder.post(uri)
                .setBody(bytes, ContentType.APPLICATION_JSON).build(), json -> json, limit, true);
    }

    private Path cacheFile(Deployment d) {
        if (objectInfoCache == null || d.id() == null || d.workflowVersion() == null) {
            return null;   // without a version a cached copy could be stale with no way to tell
        }
        return objectInfoCache.resolve(safeName(d.id()) + "@" + safeName(d.workflowVersion()) + ".json");
    }

    /** A file-name part from a server's id: letters, digits, '.', '-', '_' kept; anything else hex-escaped. */
    static String safeName(String raw) {
        StringBuilder b = new StringBuilder();
        for (byte c : raw.getBytes(StandardCharsets.UTF_8)) {
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' && !b.isEmpty()) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02x", c & 0xff));
            }
        }
        return b.length() > 100 ? b.substring(0, 80) + "~" + Integer.toHexString(raw.hashCode()) : b.toString();
    }

    private static void store(Path target, JsonNode json) {
        try {
            AtomicFiles.writeString(target, ExactJson.write(json));
        } catch (IOException e) {
            // The cache only saves a fetch; the answer itself is good.
        }
    }

    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
    }
}
