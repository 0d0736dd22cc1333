package app.comfydesk.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** How the sandbox reads a request path: decoded segments, and which of them are the token-protected API. */
final class ApiPaths {

    static final List<String> VERSIONS = List.of("v1", "v2");

    private ApiPaths() {
    }

    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                out.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** {@code /prod/v1/...} or {@code /prod/v2/...} with at least one more segment: needs the token. */
    static boolean isApi(List<String> s) {
        return s.size() >= 3 && s.get(0).equals("prod") && VERSIONS.contains(s.get(1));
    }

    static HttpAnswer noEndpoint(String rawPath) {
        return HttpAnswer.notFound("not_found", "There is no endpoint at " + rawPath,
                "The sandbox serves /prod/v1/deployments/{deployment_id}/... and /prod/v2/..., and /outputs/.");
    }

    /**
     * v2 errors carry RunComfy's numeric codes (v1 keeps the sandbox's named ones, which its contract pins), chosen
     * by HTTP status; codes that are already numbers (10002, 422001, a fault's) stay.
     */
    static HttpAnswer withRunComfyCode(String rawPath, HttpAnswer answer) {
        if (!rawPath.startsWith("/prod/v2/") || answer.status() < 400
                || !answer.contentType().equals("application/json")) {
            return answer;
        }
        try {
            JsonNode json = SandboxJson.parse(answer.body());
            if (!(json instanceof ObjectNode o) || !o.path("error_code").isTextual()) {
                return answer;
            }
            int code = switch (answer.status()) {
                case 401 -> 401001;
                case 403 -> 403003;
                case 404, 405 -> 404001;
                case 500 -> 500001;
                default -> 422001;
            };
            o.put("error_code", code);
            return new HttpAnswer(answer.status(), answer.contentType(), SandboxJson.bytes(o), answer.headers());
        } catch (JsonProcessingException e) {
            return answer;
        }
    }
}
