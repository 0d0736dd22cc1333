package app.comfydesk.sandbox;

import java.time.Duration;
import java.util.Objects;

/** One injected failure, answered instead of (or after) the real handling of a request. */
public sealed interface Fault {

    /** Answer with this HTTP status and an error body; the request is not processed. */
    record Status(int code, Duration retryAfter, String errorCode, String message) implements Fault {
        public Status {
            if (code < 400 || code > 599) {
                throw new IllegalArgumentException("a fault status must be 4xx or 5xx, was " + code);
            }
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Close the connection without answering; the request is not processed. */
    record DropBeforeProcessing() implements Fault {
    }

    /**
     * Process the request (a submit really creates a job) and then close the connection without answering: the
     * client cannot know whether its submission was accepted.
     */
    record DropAfterProcessing() implements Fault {
    }

    /** Answer {@code 200 OK} with a body that carries a top-level {@code error_code}, as some real answers do. */
    record ErrorIn200(String errorCode, String message) implements Fault {
        public ErrorIn200 {
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@code 429 Too Many Requests} with a {@code Retry-After} header in whole seconds. */
    static Fault tooManyRequests(Duration retryAfter) {
        return new Status(429, retryAfter, "rate_limited", "Too many requests; retry after "
                + Math.max(0, retryAfter.toSeconds()) + " s");
    }

    /** A server error such as 500, 502 or 503. */
    static Fault serverError(int code) {
        return new Status(code, null, "server_error", "Simulated server error " + code);
    }

    static Fault dropConnection() {
        return new DropBeforeProcessing();
    }

    static Fault dropAfterProcessing() {
        return new DropAfterProcessing();
    }

    static Fault errorIn200(String errorCode, String message) {
        return new ErrorIn200(errorCode, message);
    }
}
