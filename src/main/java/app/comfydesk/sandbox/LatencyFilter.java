package app.comfydesk.sandbox;

import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The configured latency before every answer (a slow network to a real server); interrupted, it drops the call. */
final class LatencyFilter extends Handler.Wrapper {

    private final Duration latency;

    LatencyFilter(Duration latency, Handler next) {
        super(next);
        this.latency = latency;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                HttpAnswer.drop(request, callback);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
