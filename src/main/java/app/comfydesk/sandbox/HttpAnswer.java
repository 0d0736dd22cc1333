package app.comfydesk.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A complete HTTP answer of the sandbox. Every answer is built first and written last (one write), so a fault can
 * drop it after processing.
 */
record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    static HttpAnswer json(int status, JsonNode body) {
        return new HttpAnswer(status, "application/json", SandboxJson.bytes(body), Map.of());
    }

    HttpAnswer withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpAnswer(status, contentType, body, h);
    }

    static HttpAnswer error(int status, String code, String message, String detail) {
        return json(status, SandboxJson.object().put("error_code", code).put("error_message", message)
                .put("message", message).put("detail", detail));
    }

    static HttpAnswer badRequest(String message, String detail) {
        return error(400, "invalid_request", message, detail);
    }

    static HttpAnswer notFound(String code, String message, String detail) {
        return error(404, code, message, detail);
    }

    static HttpAnswer notAllowed(String method, String allowed) {
        return error(405, "method_not_allowed", method + " is not allowed here", "Use " + allowed + ".")
                .withHeader("Allow", allowed);
    }

    static HttpAnswer tooLarge(SandboxLimits.BodyTooLarge e) {
        return error(413, "payload_too_large", e.getMessage(), "Send images as URLs or downscale them: the whole "
                + "request body must stay under " + SandboxLimits.BODY_LIMIT_TEXT + ".").withHeader("Connection",
                "close");
    }

    /** Writes the answer in one write (no body for HEAD). */
    void send(Response response, String method, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", contentType);
        headers.forEach((k, v) -> response.getHeaders().put(k, v));
        response.getHeaders().put("Content-Length", body.length);
        boolean head = method.equals("HEAD");
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
    }

    /** Closes the connection without an answer, as a fault (or a broken-off peer) asks. */
    static void drop(Request request, Callback callback) {
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        callback.failed(new PlannedDrop());
    }

    /**
     * A drop the fault plan asked for: Jetty reports a {@link org.eclipse.jetty.io.QuietException} at debug level,
     * where a plain failure logged a warning with its stack trace for every planned drop (an expected event).
     */
    private static final class PlannedDrop extends IOException implements org.eclipse.jetty.io.QuietException {
        PlannedDrop() {
            super("connection dropped by the sandbox's fault plan");
        }
    }
}
