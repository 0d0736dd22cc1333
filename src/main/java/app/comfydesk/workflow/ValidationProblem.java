package app.comfydesk.workflow;

import java.util.Objects;

/** One problem with one edited input, for a form to show next to the field. */
public record ValidationProblem(InputRef ref, Severity severity, String message) {

    public ValidationProblem {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }
}
