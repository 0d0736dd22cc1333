package app.comfydesk.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every failure of an API call: an HTTP error, an error body in a 200 answer, an unreadable answer or a network
 * problem ({@link #httpStatus()} 0). {@link #userMessage()} is the one sentence to show, e.g.
 * "401 Unauthorized: invalid or missing token".
 */
public class ApiException extends RuntimeException {

    private final int httpStatus;
    private final String errorCode;
    private final String serverMessage;
    private final transient JsonNode detail;
    private final boolean networkError;
    private final transient java.util.List<ErrorDetail> details;

    public ApiException(int httpStatus, String errorCode, String serverMessage, JsonNode detail, Throwable cause) {
        this(httpStatus, errorCode, serverMessage, detail, false, cause);
    }

    protected ApiException(int httpStatus, String errorCode, String serverMessage, JsonNode detail,
                           boolean networkError, Throwable cause) {
        super(compose(httpStatus, errorCode, serverMessage), cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
        this.detail = detail;
        this.networkError = networkError;
        this.details = ErrorDetail.parse(detail);
    }

    /** A failure before any HTTP answer (refused, timed out, dropped); {@code what} says which. */
    public static ApiException network(String what, Throwable cause) {
        return new ApiException(0, null, what, null, true, cause);
    }

    /** HTTP status of the answer, or 0 when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The server's {@code error_code}, or null. */
    public String errorCode() {
        return errorCode;
    }

    /** The server's {@code message} (or our description of a network failure), or null. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The server's {@code detail}, or null. */
    public JsonNode detail() {
        return detail;
    }

    /** RunComfy's error code in {@link #errorCode()}, when it is one of theirs. */
    public java.util.Optional<RunComfyErrorCode> runComfyCode() {
        return RunComfyErrorCode.of(errorCode);
    }

    /** The entries of {@link #detail()} (a 422001 names the nodes and inputs it refused); empty when none. */
    public java.util.List<ErrorDetail> details() {
        return details;
    }

    /** True when no HTTP answer arrived (DNS, refused, reset, timeout). */
    public boolean isNetworkError() {
        return networkError;
    }

    /** One sentence for the user: status, reason, and the server's message or our hint. */
    public String userMessage() {
        return getMessage();
    }

    private static String compose(int status, String errorCode, String serverMessage) {
        java.util.Optional<RunComfyErrorCode> known = RunComfyErrorCode.of(errorCode);
        if (known.isPresent()) {
            // The code says more than the HTTP status, which varies (a 200 included): the sentence leads.
            String sentence = known.get().sentence();
            StringBuilder b = new StringBuilder(Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1));
            b.append(" (error ").append(known.get().code());
            if (status > 0 && status != 200) {
                b.append(", HTTP ").append(status);
            }
            b.append(')');
            if (serverMessage != null && !serverMessage.isBlank()) {
                b.append(". RunComfy says: ").append(serverMessage.strip());
            }
            return b.toString();
        }
        StringBuilder b = new StringBuilder();
        if (status > 0) {
            b.append(status);
            String reason = reason(status);
            if (reason != null) {
                b.append(' ').append(reason);
            }
        } else {
            b.append("Network error");
        }
        String message = serverMessage;
        if (message == null || message.isBlank()) {
            message = hint(status);
        }
        if (message != null && !message.isBlank()) {
            b.append(": ").append(message);
        }
        if (errorCode != null && !errorCode.isBlank() && (message == null || !message.contains(errorCode))) {
            b.append(" (").append(errorCode).append(')');
        }
        return b.toString();
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> "invalid or missing token";
            case 403 -> "the token may not use this deployment";
            case 404 -> "no such deployment or request";
            case 409 -> "the request is still running; cancel it first or wait until it finishes";
            case 429 -> "too many requests; try again later";
            case 301, 302, 303, 307, 308 -> "the server sent the request elsewhere, which is not followed so the token "
                    + "stays with the configured server; check the base URL";
            default -> status >= 500 ? "the server had a problem; try again later" : null;
        };
    }

    static String reason(int status) {
        return switch (status) {
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 200 -> "OK";
            default -> null;
        };
    }
}
