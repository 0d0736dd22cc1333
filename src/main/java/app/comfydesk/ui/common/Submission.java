package app.comfydesk.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Background work in flight. Callbacks registered before completion run when it completes; callbacks registered
 * after completion run at once. All callbacks run through the UI executor, in registration order, success or
 * error callbacks before finally callbacks of the same registration sequence.
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

    public Submission<T> onSuccess(Consumer<T> callback) {
        synchronized (this) {
            if (state == State.RUNNING) {
                successCallbacks.add(callback);
                return this;
            }
        }
        if (state == State.SUCCEEDED) {
            uiExecutor.execute(() -> callback.accept(value));
        }
        return this;
    }

    public Submission<T> onError(Consumer<UserFacingError> callback) {
        synchronized (this) {
            if (state == State.RUNNING) {
                errorCallbacks.add(callback);
                return this;
            }
        }
        if (state == State.FAILED) {
            uiExecutor.execute(() -> callback.accept(error));
        }
        return this;
    }

    public Submission<T> onFinally(Runnable callback) {
        synchronized (this) {
            if (state == State.RUNNING) {
                finallyCallbacks.add(callback);
                return this;
            }
        }
        uiExecutor.execute(callback);
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

    void succeed(T result) {
        List<Consumer<T>> success;
        List<Runnable> always;
        synchronized (this) {
            value = result;
            state = State.SUCCEEDED;
            success = List.copyOf(successCallbacks);
            always = List.copyOf(finallyCallbacks);
            clear();
        }
        uiExecutor.execute(() -> {
            success.forEach(callback -> callback.accept(result));
            always.forEach(Runnable::run);
        });
    }

    void fail(Throwable failure) {
        UserFacingError mapped = errors.toUserError(failure);
        List<Consumer<UserFacingError>> failed;
        List<Runnable> always;
        synchronized (this) {
            error = mapped;
            state = State.FAILED;
            failed = List.copyOf(errorCallbacks);
            always = List.copyOf(finallyCallbacks);
            clear();
        }
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
