package app.comfydesk.sandbox;

/**
 * What the sandbox accepts from a client at most; each limit is listed in docs/RELIABILITY.md. The sandbox runs
 * inside the app, so a hostile local client must not be able to exhaust the app's memory or threads.
 */
final class SandboxLimits {

    /** A request body larger than this is refused with 413 before it is read (data URIs included). */
    static final int MAX_REQUEST_BODY_BYTES = 64 << 20;

    /** Seconds a client may take to send a whole request (headers and body); then the connection is closed. */
    static final int MAX_REQUEST_SECONDS = 30;

    /** Connections open at once; further ones are accepted and closed at once until some end. */
    static final int MAX_CONNECTIONS = 500;

    /**
     * Threads reading and answering requests. The JDK server reads a request on a worker thread, so each open,
     * unfinished request holds one until {@link #MAX_REQUEST_SECONDS}. There is a thread for every connection the
     * server accepts, so a slow client never makes a normal request wait for a thread; idle threads end after a while.
     */
    static final int MAX_HANDLER_THREADS = MAX_CONNECTIONS + 12;

    private SandboxLimits() {
    }
}
