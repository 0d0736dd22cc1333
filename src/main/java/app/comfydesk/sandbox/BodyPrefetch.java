package app.comfydesk.sandbox;

import java.io.IOException;
import java.util.function.Predicate;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads the body of an authorized POST or PATCH without holding a thread, then hands the call on: a peer that stops
 * half-way through its body waits in the selector, not in a handler thread, so 200 such peers cannot starve the
 * status calls of everyone else. Runs on a Jetty pool thread once the request line and headers are in (Jetty reads
 * those without holding a thread either).
 */
final class BodyPrefetch extends Handler.Wrapper {

    /** The request attribute holding the body read up front (bytes) or why it could not be (a Throwable). */
    private static final String BODY = BodyPrefetch.class.getName() + ".body";

    private final Predicate<Request> authorized;

    BodyPrefetch(Predicate<Request> authorized, Handler next) {
        super(next);
        this.authorized = authorized;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!needsBody(request)) {
            return super.handle(request, response, callback);
        }
        Content.Source.asByteArrayAsync(request, SandboxLimits.MAX_BODY_BYTES + 1).whenComplete((bytes, e) -> {
            request.setAttribute(BODY, e == null ? bytes : e);
            request.getComponents().getExecutor().execute(() -> {
                try {
                    if (!super.handle(request, response, callback)) {
                        callback.failed(new IllegalStateException("no handler for " + request.getHttpURI()));
                    }
                } catch (Exception failure) {
                    callback.failed(failure);
                }
            });
        });
        return true;
    }

    /** A body is read up front only for an authorized POST or PATCH whose declared length is within the limit. */
    private boolean needsBody(Request request) {
        String method = request.getMethod();
        if (!method.equals("POST") && !method.equals("PATCH")) {
            return false;
        }
        String length = request.getHeaders().get("Content-Length");
        if (length != null) {
            try {
                long declared = Long.parseLong(length.trim());
                if (declared == 0 || declared > SandboxLimits.MAX_BODY_BYTES) {
                    return false; // nothing to read, or refused with 413 before reading
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return request.getHttpURI().getPath().startsWith("/prod/") && authorized.test(request);
    }

    /**
     * The request's body: the one read up front, or read now (only after the token check: an anonymous peer never
     * gets a body buffered).
     */
    static byte[] body(Request request) throws IOException {
        Object read = request.getAttribute(BODY);
        if (read instanceof byte[] bytes) {
            if (bytes.length > SandboxLimits.MAX_BODY_BYTES) {
                throw new SandboxLimits.BodyTooLarge();
            }
            return bytes;
        }
        if (read instanceof Throwable failure) {
            if (failure instanceof IOException || failure.getCause() instanceof IOException) {
                throw new BodyUnreadable(failure);
            }
            throw new SandboxLimits.BodyTooLarge(); // asByteArrayAsync refuses a source over its maximum size
        }
        return SandboxLimits.readBody(request.getHeaders().get("Content-Length"), Content.Source.asInputStream(request));
    }

    /** The peer went away or broke off while sending its body: nothing to answer, nothing to log loudly. */
    static final class BodyUnreadable extends IOException {
        BodyUnreadable(Throwable cause) {
            super("the request body could not be read", cause);
        }
    }
}
