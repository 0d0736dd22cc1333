package app.comfydesk.sandbox;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Applies the next fault of the {@link FaultPlan} that matches the call: drop it before processing, answer with an
 * injected status or an error inside a 200, or process it and drop the answer (the request was acted on, the client
 * never hears so: the "uncertain" case).
 */
final class FaultFilter extends Handler.Wrapper {

    private final FaultPlan faults;

    FaultFilter(FaultPlan faults, Handler next) {
        super(next);
        this.faults = faults;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        Optional<Fault> fault = faults.take(method, request.getHttpURI().getPath());
        if (fault.isEmpty()) {
            return super.handle(request, response, callback);
        }
        Fault f = fault.get();
        if (f instanceof Fault.DropBeforeProcessing) {
            HttpAnswer.drop(request, callback);
        } else if (f instanceof Fault.Status s) {
            HttpAnswer answer = HttpAnswer.error(s.code(), s.errorCode(), s.message(),
                    "Injected by the sandbox's fault plan.");
            if (s.retryAfter() != null) {
                answer = answer.withHeader("Retry-After", String.valueOf(Math.max(0, s.retryAfter().toSeconds())));
            }
            answer.send(response, method, callback);
        } else if (f instanceof Fault.ErrorIn200 e) {
            HttpAnswer.json(200, SandboxJson.object().put("error_code", e.errorCode()).put("message", e.message()))
                    .send(response, method, callback);
        } else {
            // DropAfterProcessing: answers are written in one write, so dropping that write sends nothing of it.
            return super.handle(request, new Response.Wrapper(request, response) {
                @Override
                public void write(boolean last, ByteBuffer content, Callback written) {
                    HttpAnswer.drop(request, written);
                }
            }, callback);
        }
        return true;
    }
}
