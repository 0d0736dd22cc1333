package app.comfydesk.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One submitted request and its life cycle. State changes happen under the {@link RequestQueue}'s lock; readers get
 * a consistent {@link Snapshot}.
 */
final class SandboxRequest {

    enum State {
        IN_QUEUE, IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED;

        boolean isTerminal() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    /** An immutable view for answering HTTP calls. */
    record Snapshot(String id, String deploymentId, State state, int queuePosition, String instanceId,
                    Instant createdAt, Instant finishedAt, Map<String, ObjectNode> outputs, ObjectNode error,
                    boolean cancelRequested) {
    }

    final String id;
    final String deploymentId;
    final ObjectNode workflow;
    final Instant createdAt;
    final long enqueuedNanos;
    private final CountDownLatch cancelSignal = new CountDownLatch(1);

    State state = State.IN_QUEUE;
    String instanceId;
    Instant finishedAt;
    Map<String, ObjectNode> outputs = Map.of();
    ObjectNode error;
    volatile boolean cancelRequested;
    boolean purged;

    SandboxRequest(String id, String deploymentId, ObjectNode workflow, Instant createdAt, long enqueuedNanos) {
        this.id = id;
        this.deploymentId = deploymentId;
        this.workflow = workflow;
        this.createdAt = createdAt;
        this.enqueuedNanos = enqueuedNanos;
    }

    void requestCancel() {
        cancelRequested = true;
        cancelSignal.countDown();
    }

    /** Waits up to {@code nanos}; returns true as soon as cancellation is requested. */
    boolean awaitCancel(long nanos) throws InterruptedException {
        return nanos > 0 ? cancelSignal.await(nanos, TimeUnit.NANOSECONDS) : cancelRequested;
    }

    Snapshot snapshot(int queuePosition) {
        return new Snapshot(id, deploymentId, state, queuePosition, instanceId, createdAt, finishedAt, outputs, error,
                cancelRequested);
    }
}
