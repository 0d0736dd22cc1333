package app.comfydesk.sandbox;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The innermost handler: routes a call to its context (hosted outputs, {@code /object_info}, the v2-only endpoints,
 * the queue endpoints), gives v2 errors RunComfy's numeric codes, and answers a failure of its own with a 500.
 */
final class ApiRoutes extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    private final RequestQueue queue;
    private final DeploymentRoutes deploymentRoutes;
    private final OutputRoute outputs;
    private final V2Routes v2;
    private final QueueRoutes queueRoutes;

    ApiRoutes(Answers answers, SandboxConfig config, Deployments deployments, RequestQueue queue, Storage storage,
              DeploymentRoutes deploymentRoutes) {
        this.queue = queue;
        this.deploymentRoutes = deploymentRoutes;
        this.outputs = new OutputRoute(storage, config);
        this.v2 = new V2Routes(deploymentRoutes);
        this.queueRoutes = new QueueRoutes(answers, config, deployments, queue);
    }

    @Override
    public boolean handle(Request exchange, Response response, Callback callback) {
        String method = exchange.getMethod();
        String path = exchange.getHttpURI().getPath();
        try {
            queue.expire();
            ApiPaths.withRunComfyCode(path, route(exchange, method, path)).send(response, method, callback);
        } catch (BodyPrefetch.BodyUnreadable e) {
            LOG.debug("sandbox could not read the body of {} {}: {}", method, path, e.getCause().toString());
            HttpAnswer.drop(exchange, callback);
        } catch (IOException | RuntimeException e) {
            LOG.warn("sandbox failed to answer {} {}", method, path, e);
            HttpAnswer.error(500, "internal_error", "The sandbox failed to handle this request: " + e,
                    "This is a bug in the sandbox.").send(response, method, callback);
        }
        return true;
    }

    private HttpAnswer route(Request exchange, String method, String rawPath) throws IOException {
        List<String> s = ApiPaths.segments(rawPath);
        if (OutputRoute.matches(s)) {
            return outputs.answer(method, s);
        }
        if (s.size() == 1 && s.get(0).equals("object_info")) {
            // Like a hosted asset: no token, since it only describes what the sandbox can run.
            return method.equals("GET") ? HttpAnswer.json(200, deploymentRoutes.objectInfo())
                    : HttpAnswer.notAllowed(method, "GET");
        }
        if (!ApiPaths.isApi(s)) {
            return ApiPaths.noEndpoint(rawPath);
        }
        // The token was checked by AuthFilter.
        if (s.get(1).equals("v2")) {
            Optional<HttpAnswer> answer = v2.answer(exchange, method, s);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        return queueRoutes.answer(exchange, method, rawPath, s);
    }
}
