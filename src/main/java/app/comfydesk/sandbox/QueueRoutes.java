package app.comfydesk.sandbox;

import app.comfydesk.sandbox.RequestQueue.CancelOutcome;
import app.comfydesk.sandbox.SandboxRequest.Snapshot;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.server.Request;

/**
 * The five queue endpoints of v1 and v2 under {@code /prod/<version>/deployments/{id}/}: inference (see
 * {@link SubmitRoute}), and a request's status, result, cancel and DELETE.
 */
final class QueueRoutes {

    private final SandboxConfig config;
    private final Deployments deployments;
    private final RequestQueue queue;
    private final Answers answers;
    private final SubmitRoute submit;

    QueueRoutes(Answers answers, SandboxConfig config, Deployments deployments, RequestQueue queue) {
        this.config = config;
        this.deployments = deployments;
        this.queue = queue;
        this.answers = answers;
        this.submit = new SubmitRoute(answers, deployments, queue);
    }

    HttpAnswer answer(Request exchange, String method, String rawPath, List<String> s) throws IOException {
        if (s.size() < 5 || !s.get(2).equals("deployments")) {
            return ApiPaths.noEndpoint(rawPath);
        }
        String version = s.get(1);
        String deployment = s.get(3);
        if (s.size() == 5 && s.get(4).equals("inference")) {
            if (!method.equals("POST")) {
                return HttpAnswer.notAllowed(method, "POST");
            }
            byte[] body;
            try {
                body = BodyPrefetch.body(exchange);
            } catch (SandboxLimits.BodyTooLarge e) {
                return HttpAnswer.tooLarge(e);
            }
            return submit.answer(version, deployment, body, exchange.getHttpURI().getQuery());
        }
        if (s.size() >= 6 && s.get(4).equals("requests")) {
            String requestId = s.get(5);
            String action = s.size() == 7 ? s.get(6) : s.size() == 6 ? "" : null;
            if (action != null) {
                String expected = switch (action) {
                    case "status", "result" -> "GET";
                    case "cancel" -> "POST";
                    case "" -> "DELETE";
                    default -> null;
                };
                if (expected != null) {
                    if (!method.equals(expected)) {
                        return HttpAnswer.notAllowed(method, expected);
                    }
                    return onRequest(version, deployment, requestId, action);
                }
            }
        }
        return HttpAnswer.notFound("not_found", "There is no endpoint at " + rawPath,
                "Known endpoints: inference, requests/{id}/status, requests/{id}/result, requests/{id}/cancel, "
                        + "DELETE requests/{id}.");
    }

    private HttpAnswer onRequest(String version, String deployment, String requestId, String action)
            throws IOException {
        Optional<Snapshot> found = queue.find(deployment, requestId);
        if (found.isEmpty()) {
            if (!deployments.ids().contains(deployment)) {
                return unknownDeployment(deployments, deployment);
            }
            return HttpAnswer.notFound("request_not_found", "Request " + requestId + " was not found in deployment "
                    + deployment, "Use the request_id returned by the submit call of this deployment.");
        }
        Snapshot r = found.get();
        return switch (action) {
            case "status" -> HttpAnswer.json(200, answers.status(version, r));
            case "result" -> HttpAnswer.json(200, answers.result(version, r));
            case "cancel" -> cancel(r);
            default -> delete(r);
        };
    }

    private HttpAnswer cancel(Snapshot r) {
        CancelOutcome outcome = queue.cancel(r.id());
        Snapshot now = queue.find(r.deploymentId(), r.id()).orElse(r);
        ObjectNode json = SandboxJson.object();
        json.put("request_id", r.id());
        json.put("status", answers.statusWord(now.state()));
        json.put("outcome", outcome == CancelOutcome.CANCELLED ? config.cancelledSpelling().word()
                : outcome.name().toLowerCase(Locale.ROOT));
        return HttpAnswer.json(202, json);
    }

    private HttpAnswer delete(Snapshot r) throws IOException {
        Optional<Integer> deleted = queue.purge(r.id());
        if (deleted.isEmpty()) {
            return HttpAnswer.error(409, "request_not_finished", "Request " + r.id() + " is still "
                            + answers.statusWord(r.state()) + "; it can be deleted once it has finished",
                    "Cancel it first with POST .../requests/" + r.id() + "/cancel, wait for it to stop, then delete.");
        }
        ObjectNode json = SandboxJson.object();
        json.put("request_id", r.id());
        json.put("status", "deleted");
        json.put("deleted_objects", deleted.get());
        return HttpAnswer.json(200, json);
    }

    static HttpAnswer unknownDeployment(Deployments deployments, String deployment) {
        List<String> ids = deployments.ids();
        return HttpAnswer.notFound("deployment_not_found", "Deployment " + deployment + " was not found",
                ids.isEmpty() ? "This sandbox has no deployments." : "Deployments in this sandbox: "
                        + String.join(", ", ids) + ".");
    }
}
