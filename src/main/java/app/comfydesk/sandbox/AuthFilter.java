package app.comfydesk.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The token check of the API ({@code /prod/v1/...}, {@code /prod/v2/...}): a request without the sandbox's bearer
 * token gets a 401 and goes no further. Hosted outputs and {@code /object_info} are public, like hosted assets.
 */
final class AuthFilter extends Handler.Wrapper {

    private final byte[] token;

    AuthFilter(String token, Handler next) {
        super(next);
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (ApiPaths.isApi(ApiPaths.segments(path)) && !authorized(request)) {
            HttpAnswer refusal = HttpAnswer.error(401, "unauthorized", "Missing or invalid API token",
                    "Send the header \"Authorization: Bearer <token>\" with the token the sandbox printed.");
            ApiPaths.withRunComfyCode(path, refusal).send(response, request.getMethod(), callback);
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** Whether the request carries the token (compared in constant time). */
    boolean authorized(Request request) {
        String header = request.getHeaders().get("Authorization");
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }
}
