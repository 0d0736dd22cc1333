package app.comfydesk.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One submitted request and its life cycle. State changes happen under the {@link RequestQueue}'s lock; readers get
 * a consistent {@link Snapshot}. {@link #toJson()} / {@link #fromJson} keep it on disk across restarts.
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
                    Instant createdAt, Instant finishedAt, Map<String, ObjectNode> outputs, ObjectNode error) {
    }

    final String id;
    final String deploymentId;
    final ObjectNode workflow;
    final Instant createdAt;
    final long enqueuedNanos;
    /** Released by a cancel or by the server stopping: whatever waits on the run wakes up. */
    private final CountDownLatch wake = new CountDownLatch(1);

    State state = State.IN_QUEUE;
    String instanceId;
    Instant finishedAt;
    Map<String, ObjectNode> outputs = Map.of();
    ObjectNode error;
    volatile boolean cancelRequested;

    SandboxRequest(String id, String deploymentId, ObjectNode workflow, Instant createdAt, long enqueuedNanos) {
        this.id = id;
        this.deploymentId = deploymentId;
        this.workflow = workflow;
        this.createdAt = createdAt;
        this.enqueuedNanos = enqueuedNanos;
    }

    void requestCancel() {
        cancelRequested = true;
        wake.countDown();
    }

    /** The server is stopping: interrupt the run without cancelling the request (it resumes on restart). */
    void wakeForShutdown() {
        wake.countDown();
    }

    /** Waits up to {@code nanos} for a cancel or shutdown; returns early when one happens. */
    void awaitWake(long nanos) throws InterruptedException {
        if (nanos > 0) {
            wake.await(nanos, TimeUnit.NANOSECONDS);
        }
    }

    ObjectNode toJson() {
        ObjectNode json = SandboxJson.object();
        json.put("request_id", id);
        json.put("deployment_id", deploymentId);
        json.put("state", state.name());
        json.put("created_at", createdAt.toString());
        if (instanceId != null) {
            json.put("instance_id", instanceId);
        }
        if (finishedAt != null) {
            json.put("finished_at", finishedAt.toString());
        }
        ObjectNode out = json.putObject("outputs");
        outputs.forEach(out::set);
        if (error != null) {
            json.set("error", error);
        }
        json.set("workflow", workflow);
        return json;
    }

    /**
     * A request stored by an earlier server. One that had not finished goes back to the queue, as if its instance
     * had been lost; it keeps its id, so clients polling it carry on.
     */
    static SandboxRequest fromJson(ObjectNode json, long nowNanos) {
        SandboxRequest r = new SandboxRequest(json.get("request_id").asText(), json.get("deployment_id").asText(),
                (ObjectNode) json.get("workflow"), Instant.parse(json.get("created_at").asText()), nowNanos);
        State state = State.valueOf(json.get("state").asText());
        if (state.isTerminal()) {
            r.state = state;
            r.instanceId = json.hasNonNull("instance_id") ? json.get("instance_id").asText() : null;
            r.finishedAt = Instant.parse(json.get("finished_at").asText());
            Map<String, ObjectNode> outputs = new java.util.LinkedHashMap<>();
            json.path("outputs").fields().forEachRemaining(e -> outputs.put(e.getKey(), (ObjectNode) e.getValue()));
            r.outputs = java.util.Collections.unmodifiableMap(outputs);
            r.error = json.hasNonNull("error") ? (ObjectNode) json.get("error") : null;
        }
        return r;
    }

    Snapshot snapshot(int queuePosition) {
        return new Snapshot(id, deploymentId, state, queuePosition, instanceId, createdAt, finishedAt, outputs, error);
    }
}
