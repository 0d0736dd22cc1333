package app.comfydesk.api;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one deployment's queue lives: base URL (e.g. {@code https://api.runcomfy.net}), API version and deployment id.
 * Builds the five endpoint URIs; ids are path-encoded so a hostile id cannot change the path.
 */
public record ApiEndpoint(URI baseUrl, ApiVersion version, String deploymentId) {

    public ApiEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(deploymentId, "deploymentId");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("Base URL '" + baseUrl + "' must be an http(s) URL such as "
                    + "https://api.runcomfy.net");
        }
        if (scheme.equals("http") && !isLoopbackHost(baseUrl.getHost())) {
            throw new IllegalArgumentException("Base URL '" + baseUrl + "' would send the API token unencrypted: use "
                    + "https://" + baseUrl.getRawAuthority() + " (plain http:// is allowed only for this computer: "
                    + "localhost, 127.0.0.1, ::1)");
        }
        if (deploymentId.isBlank()) {
            throw new IllegalArgumentException("Deployment id is empty: copy it from the RunComfy deployment page");
        }
    }

    public static ApiEndpoint of(String baseUrl, ApiVersion version, String deploymentId) {
        try {
            return new ApiEndpoint(URI.create(baseUrl.trim()), version, deploymentId.trim());
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Base URL")) {
                throw e;
            }
            throw new IllegalArgumentException("Base URL '" + baseUrl + "' is not a valid URL", e);
        }
    }

    /**
     * True for names that can only mean this computer: {@code localhost}, 127.0.0.0/8 and ::1. Decided from the
     * text alone (no DNS lookup), so a name that merely resolves to a loopback address does not count.
     */
    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** scheme://host[:port] — the only origin that ever receives the API token. */
    public String origin() {
        return origin(baseUrl);
    }

    /** {@code scheme://host:port} of {@code uri} (default ports made explicit, lower case). */
    public static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port == -1) {
            port = scheme.equals("https") ? 443 : 80;
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** True when {@code uri} is on the API origin (same scheme, host and port). */
    public boolean isApiOrigin(URI uri) {
        return uri.getScheme() != null && uri.getHost() != null && origin(uri).equals(origin());
    }

    private String deploymentPath() {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/prod/" + version.pathSegment() + "/deployments/" + encode(deploymentId);
    }

    public URI inferenceUri() {
        return URI.create(deploymentPath() + "/inference");
    }

    public URI statusUri(String requestId) {
        return URI.create(requestPath(requestId) + "/status");
    }

    public URI resultUri(String requestId) {
        return URI.create(requestPath(requestId) + "/result");
    }

    public URI cancelUri(String requestId) {
        return URI.create(requestPath(requestId) + "/cancel");
    }

    /** The DELETE target of a request. */
    public URI requestUri(String requestId) {
        return URI.create(requestPath(requestId));
    }

    private String apiRoot(ApiVersion v) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/prod/" + v.pathSegment();
    }

    /** {@code GET} the account's deployments, e.g. with {@code includes=payload}. */
    public URI deploymentsUri(List<String> includes) {
        return URI.create(apiRoot(version) + "/deployments" + includes(includes));
    }

    /** {@code GET} one deployment, e.g. with {@code includes=payload}. */
    public URI deploymentUri(String id, List<String> includes) {
        return URI.create(apiRoot(version) + "/deployments/" + encode(id) + includes(includes));
    }

    /** {@code GET} the account's balance (a v2 call whatever the queue's version). */
    public URI balanceUri() {
        return URI.create(apiRoot(ApiVersion.V2) + "/balance");
    }

    /**
     * {@code POST} to ComfyUI's own backend on a live instance (v2): {@code comfyPath} such as {@code object_info}
     * or {@code api/free}; each of its segments is encoded, so it cannot climb out of the proxy path.
     */
    public URI proxyUri(String instanceId, String comfyPath) {
        StringBuilder path = new StringBuilder();
        for (String segment : comfyPath.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("Proxy path '" + comfyPath + "' must name a ComfyUI backend path "
                        + "such as object_info or api/free");
            }
            path.append('/').append(encode(segment));
        }
        return URI.create(apiRoot(ApiVersion.V2) + "/deployments/" + encode(deploymentId) + "/instances/"
                + encode(instanceId) + "/proxy" + path);
    }

    private static String includes(List<String> includes) {
        StringBuilder q = new StringBuilder();
        for (String include : includes) {
            q.append(q.isEmpty() ? '?' : '&').append("includes=").append(encode(include));
        }
        return q.toString();
    }

    private String requestPath(String requestId) {
        return deploymentPath() + "/requests/" + encode(requestId);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
