package app.comfydesk.ui.common;

import java.util.concurrent.Callable;

/**
 * Something started in the background at most once (the built-in sandbox): callers that ask while it starts, or
 * after, share the one start instead of starting a second copy that nobody would close. A failed start may be
 * tried again; {@link #close()} closes what was started, also when the start finishes only after it.
 */
public final class StartOnce<T extends AutoCloseable> implements AutoCloseable {

    private final BackgroundExecutor executor;
    private final Callable<T> start;
    private Submission<T> starting;
    private T started;
    private boolean closed;

    public StartOnce(BackgroundExecutor executor, Callable<T> start) {
        this.executor = executor;
        this.start = start;
    }

    /** The one start: begun by the first call, shared by every later one; callbacks run on the FX thread. */
    public synchronized Submission<T> start() {
        if (starting == null) {
            Submission<T> submission = executor.submit(this::startNow);
            starting = submission;
            submission.onError(error -> forget(submission));
        }
        return starting;
    }

    /** What was started, if the start has finished. */
    public synchronized T started() {
        return started;
    }

    private T startNow() throws Exception {
        T value = start.call();
        synchronized (this) {
            if (!closed) {
                started = value;
                return value;
            }
        }
        value.close();
        throw new IllegalStateException("Closed while starting.");
    }

    private synchronized void forget(Submission<T> failed) {
        if (starting == failed) {
            starting = null;
        }
    }

    @Override
    public void close() throws Exception {
        T value;
        synchronized (this) {
            closed = true;
            value = started;
            started = null;
        }
        if (value != null) {
            value.close();
        }
    }
}
