package app.comfydesk.ui.settings;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.BackgroundExecutor.ThrowingRunnable;
import app.comfydesk.ui.common.UserFacingError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Runs writes one after another, in the order they were asked for, through the shared background executor. With
 * the pool alone two writes of the same file may run at once or overtake each other (an older settings snapshot
 * or secret landing last); here the next write starts only after the previous one has finished.
 */
public final class SerialWriter {

    private record Write(ThrowingRunnable work, Consumer<UserFacingError> onError) { }

    private final BackgroundExecutor executor;
    private final Deque<Write> waiting = new ArrayDeque<>();
    private boolean writing;

    public SerialWriter(BackgroundExecutor executor) {
        this.executor = executor;
    }

    public void write(ThrowingRunnable work, Consumer<UserFacingError> onError) {
        synchronized (this) {
            waiting.add(new Write(work, onError));
            if (writing) {
                return;
            }
            writing = true;
        }
        next();
    }

    private void next() {
        Write write;
        synchronized (this) {
            write = waiting.poll();
            if (write == null) {
                writing = false;
                return;
            }
        }
        executor.run(write.work()).onError(write.onError()).onFinally(this::next);
    }
}
