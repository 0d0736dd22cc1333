package app.comfydesk.ui.common;

/** Thrown by background work whose message is already fit for the user (no mapping needed). */
public class UserFacingException extends RuntimeException {

    public UserFacingException(String message) {
        super(message);
    }

    public UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }
}
