package app.comfydesk.sandbox;

import app.comfydesk.sandbox.exec.WorkflowExecutor;
import org.eclipse.jetty.server.Handler;

/**
 * The sandbox's HTTP handler: a chain of Jetty handlers, outermost first. {@link BodyPrefetch} reads an authorized
 * body without holding a thread; {@link LatencyFilter} adds the configured latency; {@link FaultFilter} applies the
 * fault plan; {@link AuthFilter} checks the token of the API paths; {@link ApiRoutes} answers, per context
 * ({@link OutputRoute}, {@link V2Routes}, {@link QueueRoutes} with {@link SubmitRoute}). Every answer is built first
 * and written last ({@link HttpAnswer}), so a fault can drop it after processing.
 */
final class ApiHandler extends Handler.Wrapper {

    ApiHandler(Answers answers, String token, SandboxConfig config, Deployments deployments, RequestQueue queue,
               Storage storage) {
        DeploymentRoutes deploymentRoutes = new DeploymentRoutes(answers.baseUri(), deployments,
                new WorkflowExecutor().supportedClassTypes(), queue.instanceIds());
        Handler routes = new ApiRoutes(answers, config, deployments, queue, storage, deploymentRoutes);
        AuthFilter auth = new AuthFilter(token, routes);
        setHandler(new BodyPrefetch(auth::authorized, new LatencyFilter(config.latency(),
                new FaultFilter(config.faults(), auth))));
    }
}
