package app.comfydesk.api;

import java.time.Duration;

/** Connect timeout and response (read) timeout of API calls. */
public record ClientTimeouts(Duration connect, Duration response) {

    public static ClientTimeouts defaults() {
        return new ClientTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
}
