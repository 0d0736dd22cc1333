package app.comfydesk.cli;

/** The command line's exit codes. */
final class ExitCodes {
    static final int SUCCEEDED = 0;
    static final int FAILED = 1;
    static final int INVALID_INPUT = 2;
    static final int CANCELLED = 3;
    static final int API_ERROR = 4;

    private ExitCodes() {
    }
}
