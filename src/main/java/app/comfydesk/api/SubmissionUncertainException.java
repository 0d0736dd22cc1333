package app.comfydesk.api;

/**
 * The submit request may have reached the server but no answer came (read timeout, connection dropped after
 * sending). The job may exist on the server; it must never be silently submitted again — the user checks.
 */
public class SubmissionUncertainException extends ApiException {

    public SubmissionUncertainException(String what, Throwable cause) {
        super(0, null, what + "; the job may or may not have been accepted — check the RunComfy dashboard before "
                + "submitting again", null, true, cause);
    }
}
