package app.comfydesk.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;

/**
 * A background executor for race tests: nothing runs until the test says so, and a piece of work's read and the
 * landing of its result are two separate steps, so a test can put an event between them (a store read that ran
 * before a write and lands after that write's event). Callbacks run on the calling thread when the result lands.
 */
public final class ScriptedBackgroundExecutor implements BackgroundExecutor {

    private final ErrorMessages errors = new ErrorMessages();
    private final Deque<Task<?>> waiting = new ArrayDeque<>();

    @Override
    public <T> Submission<T> submit(Callable<T> work) {
        Submission<T> submission = new Submission<>(Runnable::run, errors);
        waiting.add(new Task<>(work, submission));
        return submission;
    }

    /** Delivers when the stage completes (on the completing thread): nothing waits in the script for it. */
    @Override
    public <T> Submission<T> follow(java.util.concurrent.CompletionStage<T> running) {
        Submission<T> submission = new Submission<>(Runnable::run, errors);
        submission.completeFrom(running);
        return submission;
    }

    /** How much work was submitted and has not run yet. */
    public int waiting() {
        return waiting.size();
    }

    /** Runs the oldest waiting work now; its result lands only when {@link Landing#land()} is called. */
    public Landing read() {
        Task<?> task = waiting.poll();
        if (task == null) {
            throw new IllegalStateException("no background work is waiting");
        }
        return task.read();
    }

    /** Like {@link #read()}, for the work submitted last (it overtakes older work still waiting). */
    public Landing readNewest() {
        Task<?> task = waiting.pollLast();
        if (task == null) {
            throw new IllegalStateException("no background work is waiting");
        }
        return task.read();
    }

    /** Runs and lands work until none is waiting, including work that landing callbacks submit. */
    public void runAll() {
        while (!waiting.isEmpty()) {
            read().land();
        }
    }

    @Override
    public void close() {
        waiting.clear();
    }

    /** A result that has been read but not delivered. */
    public interface Landing {
        void land();
    }

    private record Task<T>(Callable<T> work, Submission<T> submission) {

        Landing read() {
            try {
                T value = work.call();
                return () -> submission.succeed(value);
            } catch (Exception failure) {
                return () -> submission.fail(failure);
            }
        }
    }
}
