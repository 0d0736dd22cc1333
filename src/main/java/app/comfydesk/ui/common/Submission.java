package app.comfydesk.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Background work in flight. Callbacks registered before completion run when it completes; callbacks registered
 * after completion run at once. All callbacks run through the UI executor, in registration order, success or
 * error callbacks before finally callbacks of the same registration sequence. Every hand-over to the UI executor
 * happens under this object's lock, with the state it was decided on: a finally callback registered on the caller's
 * thread just as the work completed on a worker could otherwise be queued before the worker's success delivery.
 */
public final class Submission<T> {

    private enum State { RUNNING, SUCCEEDED, FAILED }

    private final Executor uiExecutor;
    private final ErrorMessages errors;
    private final List<Consumer<T>> successCallbacks = new ArrayList<>();
    private final List<Consumer<UserFacingError>> errorCallbacks = new ArrayList<>();
    private final List<Runnable> finallyCallbacks = new ArrayList<>();
    private State state = State.RUNNING;
    private T value;
    private UserFacingError error;

    Submission(Executor uiExecutor, ErrorMessages errors) {
        this.uiExecutor = uiExecutor;
        this.errors = errors;
    }

    public synchronized Submission<T> onSuccess(Consumer<T> callback) {
        if (state == State.RUNNING) {
            successCallbacks.add(callback);
        } else if (state == State.SUCCEEDED) {
            T result = value;
            uiExecutor.execute(() -> callback.accept(result));
        }
        return this;
    }

    public synchronized Submission<T> onError(Consumer<UserFacingError> callback) {
        if (state == State.RUNNING) {
            errorCallbacks.add(callback);
        } else if (state == State.FAILED) {
            UserFacingError failure = error;
            uiExecutor.execute(() -> callback.accept(failure));
        }
        return this;
    }

    public synchronized Submission<T> onFinally(Runnable callback) {
        if (state == State.RUNNING) {
            finallyCallbacks.add(callback);
        } else {
            uiExecutor.execute(callback);
        }
        return this;
    }

    public synchronized boolean isDone() {
        return state != State.RUNNING;
    }

    /** Completes this submission from the stage's outcome, on whatever thread completes the stage. */
    void completeFrom(java.util.concurrent.CompletionStage<T> running) {
        running.whenComplete((value, failure) -> {
            if (failure == null) {
                succeed(value);
            } else {
                fail(failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        });
    }

    synchronized void succeed(T result) {
        value = result;
        state = State.SUCCEEDED;
        List<Consumer<T>> success = List.copyOf(successCallbacks);
        List<Runnable> always = List.copyOf(finallyCallbacks);
        clear();
        uiExecutor.execute(() -> {
            success.forEach(callback -> callback.accept(result));
            always.forEach(Runnable::run);
        });
    }

    void fail(Throwable failure) {
        UserFacingError mapped = errors.toUserError(failure);
        deliverFailure(mapped);
    }

    private synchronized void deliverFailure(UserFacingError mapped) {
        error = mapped;
        state = State.FAILED;
        List<Consumer<UserFacingError>> failed = List.copyOf(errorCallbacks);
        List<Runnable> always = List.copyOf(finallyCallbacks);
        clear();
        uiExecutor.execute(() -> {
            failed.forEach(callback -> callback.accept(mapped));
            always.forEach(Runnable::run);
        });
    }

    private void clear() {
        successCallbacks.clear();
        errorCallbacks.clear();
        finallyCallbacks.clear();
    }
}
