package app.comfydesk.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;

/**
 * The v2-only endpoints (deployments list/get/PATCH, balance, the instance proxy) over {@link DeploymentRoutes};
 * the queue endpoints, which v2 shares with v1, are {@link QueueRoutes}'.
 */
final class V2Routes {

    private final DeploymentRoutes v2;

    V2Routes(DeploymentRoutes v2) {
        this.v2 = v2;
    }

    /** The answer for a v2-only endpoint; empty for the queue endpoints. */
    Optional<HttpAnswer> answer(Request exchange, String method, List<String> s) throws IOException {
        Map<String, List<String>> query = DeploymentRoutes.query(exchange.getHttpURI().getQuery());
        DeploymentRoutes.Result result;
        if (s.size() == 3 && s.get(2).equals("balance")) {
            result = method.equals("GET") ? v2.balance() : null;
        } else if (s.size() == 3 && s.get(2).equals("deployments")) {
            result = method.equals("GET") ? v2.list(query) : null;
        } else if (s.size() == 4 && s.get(2).equals("deployments")) {
            if (method.equals("GET")) {
                result = v2.get(s.get(3), query);
            } else if (method.equals("PATCH")) {
                try {
                    result = v2.patch(s.get(3), BodyPrefetch.body(exchange));
                } catch (SandboxLimits.BodyTooLarge e) {
                    return Optional.of(HttpAnswer.tooLarge(e));
                }
            } else {
                return Optional.of(HttpAnswer.notAllowed(method, "GET, PATCH"));
            }
        } else if (s.size() >= 8 && s.get(2).equals("deployments") && s.get(4).equals("instances")
                && s.get(6).equals("proxy")) {
            result = method.equals("POST") ? v2.proxy(s.get(3), s.get(5), String.join("/", s.subList(7, s.size())))
                    : null;
            if (result == null) {
                return Optional.of(HttpAnswer.notAllowed(method, "POST"));
            }
        } else {
            return Optional.empty();
        }
        if (result == null) {
            return Optional.of(HttpAnswer.notAllowed(method, "GET"));
        }
        if (result.failure() != null) {
            DeploymentRoutes.Failure f = result.failure();
            ObjectNode body = SandboxJson.object().put("error_code", f.code()).put("error_message", f.message())
                    .put("message", f.message());
            body.set("detail", f.detail());
            return Optional.of(HttpAnswer.json(f.status(), body));
        }
        return Optional.of(HttpAnswer.json(200, result.body()));
    }
}
