package app.comfydesk.api;

import java.util.Optional;

/**
 * RunComfy's error codes and what each means for the user, in one place: every message about a code is built from
 * {@link #sentence()}. They come in the body's {@code error_code} with any HTTP status, a 200 included.
 */
public enum RunComfyErrorCode {
    UNAUTHORIZED("401001", "the API token is invalid or missing: paste a valid token from your RunComfy account "
            + "(Profile, API token)"),
    FORBIDDEN("403003", "the API token may not use this deployment or call: check that the token belongs to the "
            + "account that owns the deployment"),
    NOT_FOUND("404001", "RunComfy does not know this deployment or request: check the deployment id"),
    INVALID_REQUEST("422001", "RunComfy refused the request as invalid"),
    INTERNAL("500001", "RunComfy had an internal problem (retried with backoff); try again later"),
    INSUFFICIENT_FUNDS("10001", "your RunComfy balance is too low: top up your balance on RunComfy, then submit "
            + "again"),
    DEPLOYMENT_DISABLED("10002", "the deployment is disabled: enable it on RunComfy, then submit again"),
    DEPLOYMENT_DELETED("10003", "the deployment has been deleted on RunComfy: pick another deployment");

    private final String code;
    private final String sentence;

    RunComfyErrorCode(String code, String sentence) {
        this.code = code;
        this.sentence = sentence;
    }

    /** The code as RunComfy sends it, e.g. {@code "10001"}. */
    public String code() {
        return code;
    }

    /** What it means and what to do, in words (lower-case start, no final stop). */
    public String sentence() {
        return sentence;
    }

    /** Whether a call answered with this code may be repeated after a pause. */
    public boolean retryable() {
        return this == INTERNAL;
    }

    /** The code for {@code text} ({@code "10001"}, {@code 10001.0} too), if it is one of RunComfy's. */
    public static Optional<RunComfyErrorCode> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.endsWith(".0")) {
            t = t.substring(0, t.length() - 2);
        }
        for (RunComfyErrorCode c : values()) {
            if (c.code.equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
