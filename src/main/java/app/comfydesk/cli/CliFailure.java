package app.comfydesk.cli;

/** An expected failure: its message goes to stderr (no stack trace) and the process exits with {@code exitCode}. */
final class CliFailure extends RuntimeException {

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
