package app.comfydesk.ui.common;

import java.util.Objects;

/**
 * A failure as the user should read it: one sentence saying what went wrong and, where possible, how to fix it.
 * The cause is kept for logs only and is never shown.
 */
public record UserFacingError(String message, Throwable cause) {

    public UserFacingError {
        Objects.requireNonNull(message, "message");
    }

    public static UserFacingError of(String message) {
        return new UserFacingError(message, null);
    }

    @Override
    public String toString() {
        return message;
    }
}
