package app.comfydesk.sandbox;

import app.comfydesk.sandbox.SandboxRequest.State;
import app.comfydesk.sandbox.exec.ExecutionCancelledException;
import app.comfydesk.sandbox.exec.NodeExecutionException;
import app.comfydesk.sandbox.exec.WorkflowExecutor;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue and its workers: FIFO, {@code workers} requests at a time, each held {@code in_queue} for at least the
 * simulated queue time and {@code in_progress} for at least the simulated run time. Simulated durations are real
 * time; timestamps and retention use the injected clock.
 */
final class RequestQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestQueue.class);

    enum CancelOutcome { CANCELLED, CANCELLATION_REQUESTED, NOT_CANCELLABLE }

    /** Told of every state change, with the queue's lock held: it must hand work off, never block. */
    interface Listener {
        void changed(SandboxRequest request, SandboxRequest.Snapshot now);
    }

    private final SandboxConfig config;
    private final Listener listener;
    private final Storage storage;
    private final Path inputFolder;
    private final WorkflowExecutor executor = new WorkflowExecutor();
    private final Map<String, SandboxRequest> requests = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<SandboxRequest> waiting = new ArrayDeque<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final java.util.Set<String> instanceIds = new java.util.LinkedHashSet<>();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private volatile boolean closed;

    private record Expiry(Instant at, String requestId) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry o) {
            return at.compareTo(o.at);
        }
    }

    RequestQueue(SandboxConfig config, Storage storage, Path inputFolder, Listener listener) throws IOException {
        this.config = config;
        this.listener = listener;
        this.storage = storage;
        this.inputFolder = inputFolder;
        restore();
        String instancePrefix = "sandbox-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        for (int i = 1; i <= config.workers(); i++) {
            String instanceId = instancePrefix + "-" + i;
            instanceIds.add(instanceId);
            Thread t = new Thread(() -> workLoop(instanceId), "sandbox-worker-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
    }

    private Clock clock() {
        return config.clock();
    }

    /** Takes over the requests stored by earlier servers on this home: finished ones answer, others run again. */
    private void restore() throws IOException {
        List<SandboxRequest> restored = new ArrayList<>();
        long now = System.nanoTime();
        for (ObjectNode record : storage.records()) {
            try {
                restored.add(SandboxRequest.fromJson(record, now));
            } catch (RuntimeException e) {
                LOG.warn("skipping a damaged sandbox request record {}", record.path("request_id"), e);
            }
        }
        restored.sort(java.util.Comparator.comparing((SandboxRequest r) -> r.createdAt));
        for (SandboxRequest r : restored) {
            requests.put(r.id, r);
            if (r.state.isTerminal()) {
                expiries.add(new Expiry(r.finishedAt.plus(config.retention()), r.id));
            } else {
                waiting.addLast(r);
                persist(r);
            }
        }
        if (!restored.isEmpty()) {
            LOG.info("Sandbox resumed {} stored request(s), {} of them unfinished", restored.size(), waiting.size());
        }
    }

    private void persist(SandboxRequest r) {
        try {
            storage.writeRecord(r.id, r.toJson());
        } catch (IOException e) {
            LOG.warn("could not store sandbox request {}; it will not survive a restart", r.id, e);
        }
    }

    SandboxRequest submit(String deploymentId, ObjectNode workflow, String apiVersion,
                          SandboxRequest.Webhook webhook) {
        String id = java.util.UUID.randomUUID().toString();
        SandboxRequest request = new SandboxRequest(id, deploymentId, workflow, clock().instant(), System.nanoTime(),
                apiVersion, webhook);
        lock.lock();
        try {
            requests.put(id, request);
            persist(request);
            waiting.addLast(request);
            listener.changed(request, request.snapshot(waiting.size() - 1));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return request;
    }

    /** The request, if it exists and belongs to this deployment (another deployment's id is "not found"). */
    Optional<SandboxRequest.Snapshot> find(String deploymentId, String requestId) {
        SandboxRequest r = requests.get(requestId);
        if (r == null || !r.deploymentId.equals(deploymentId)) {
            return Optional.empty();
        }
        lock.lock();
        try {
            int position = -1;
            if (r.state == State.IN_QUEUE) {
                int i = 0;
                for (SandboxRequest w : waiting) {
                    if (w == r) {
                        position = i;
                        break;
                    }
                    i++;
                }
            }
            return Optional.of(r.snapshot(position));
        } finally {
            lock.unlock();
        }
    }

    CancelOutcome cancel(String requestId) {
        SandboxRequest r = requests.get(requestId);
        lock.lock();
        try {
            switch (r.state) {
                case IN_QUEUE -> {
                    waiting.remove(r);
                    r.requestCancel();
                    finish(r, State.CANCELLED);
                    return CancelOutcome.CANCELLED;
                }
                case IN_PROGRESS -> {
                    r.requestCancel();
                    return CancelOutcome.CANCELLATION_REQUESTED;
                }
                case CANCELLED -> {
                    return CancelOutcome.CANCELLED; // idempotent: asking again changes nothing
                }
                default -> {
                    return CancelOutcome.NOT_CANCELLABLE;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Purges a finished request's assets; returns the number removed, or empty if it is not finished. */
    Optional<Integer> purge(String requestId) throws IOException {
        SandboxRequest r = requests.get(requestId);
        lock.lock();
        try {
            if (!r.state.isTerminal()) {
                return Optional.empty();
            }
            return Optional.of(storage.purge(requestId));
        } finally {
            lock.unlock();
        }
    }

    /** Purges every finished request whose retention period has passed on the injected clock. */
    void expire() {
        Instant now = clock().instant();
        lock.lock();
        try {
            while (!expiries.isEmpty() && !expiries.peek().at.isAfter(now)) {
                storage.purge(expiries.poll().requestId);
            }
        } catch (IOException e) {
            LOG.warn("could not purge expired sandbox assets", e);
        } finally {
            lock.unlock();
        }
    }

    /** The instance ids (one per worker) that status answers report while this server runs. */
    java.util.Set<String> instanceIds() {
        return java.util.Collections.unmodifiableSet(instanceIds);
    }

    int waitingCount() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    // Called with the lock held.
    private void finish(SandboxRequest r, State state) {
        r.state = state;
        r.finishedAt = clock().instant();
        expiries.add(new Expiry(r.finishedAt.plus(config.retention()), r.id));
        persist(r);
        listener.changed(r, r.snapshot(-1));
        changed.signalAll();
    }

    private void workLoop(String instanceId) {
        while (true) {
            SandboxRequest r;
            try {
                r = takeNext(instanceId);
            } catch (InterruptedException e) {
                return;
            }
            if (r == null) {
                return;
            }
            run(r);
        }
    }

    private SandboxRequest takeNext(String instanceId) throws InterruptedException {
        long queueNanos = config.queueTime().toNanos();
        lock.lock();
        try {
            while (!closed) {
                SandboxRequest head = waiting.peekFirst();
                if (head == null) {
                    changed.await();
                    continue;
                }
                long wait = head.enqueuedNanos + queueNanos - System.nanoTime();
                if (wait > 0) {
                    changed.awaitNanos(wait);
                    continue;
                }
                waiting.pollFirst();
                head.state = State.IN_PROGRESS;
                head.instanceId = instanceId;
                persist(head);
                listener.changed(head, head.snapshot(-1));
                changed.signalAll();
                return head;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void run(SandboxRequest r) {
        long started = System.nanoTime();
        Map<String, ObjectNode> outputs = null;
        ObjectNode error = null;
        boolean cancelled = false;
        try {
            outputs = executor.run(r.workflow, new RequestRun(r, inputFolder, storage, http, () -> closed));
            r.awaitWake(config.runTime().toNanos() - (System.nanoTime() - started));
            cancelled = r.cancelRequested || closed;
        } catch (ExecutionCancelledException e) {
            cancelled = true;
        } catch (NodeExecutionException e) {
            error = RequestRun.errorJson(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        } catch (RuntimeException | Error e) {
            LOG.warn("sandbox request {} failed unexpectedly", r.id, e);
            error = SandboxJson.object().put("type", "internal_error")
                    .put("message", "The sandbox failed while running this workflow: " + e);
        }
        lock.lock();
        try {
            if (closed && !r.cancelRequested) {
                // Stopped by a shutdown, not a cancel: drop partial outputs; the stored record still says in
                // progress, so the next server on this home runs it again.
                storage.purgeOutputs(r.id);
            } else if (cancelled || r.cancelRequested) {
                storage.purgeOutputs(r.id);
                finish(r, State.CANCELLED);
            } else if (error != null) {
                r.error = error;
                finish(r, State.FAILED);
            } else {
                r.outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
                finish(r, State.SUCCEEDED);
            }
        } catch (IOException e) {
            LOG.warn("could not remove outputs of cancelled sandbox request {}", r.id, e);
            finish(r, State.CANCELLED);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            requests.values().forEach(SandboxRequest::wakeForShutdown);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread t : workers) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
