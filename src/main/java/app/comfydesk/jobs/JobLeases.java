package app.comfydesk.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which process follows which job (engine thread only): this engine's leases in the job database, their renewal on
 * a heartbeat, jobs of a vanished holder taken over, and the jobs another live process follows, watched so their
 * status changes are published here too.
 */
final class JobLeases {

    private static final Logger LOG = LoggerFactory.getLogger(JobLeases.class);

    private final JobStore store;
    private final EngineLoop loop;
    /** Starts following a job this engine has just taken. */
    private final Consumer<Job> resume;
    /** Stops following a job whose lease this engine lost. */
    private final LongConsumer lost;
    /** This engine's name in job leases: which process follows a job (its pid, and a random part). */
    private final String owner = "pid " + ProcessHandle.current().pid() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    /** Jobs this process holds the lease of (and so polls and downloads). */
    private final Set<Long> leased = new HashSet<>();
    /** Unfinished jobs this engine would follow that another process holds, with the status last seen. */
    private final Map<Long, JobStatus> elsewhere = new HashMap<>();
    private Predicate<Job> resumeWhich;
    private Instant nextHeartbeat;

    JobLeases(JobStore store, EngineLoop loop, Consumer<Job> resume, LongConsumer lost) {
        this.store = store;
        this.loop = loop;
        this.resume = resume;
        this.lost = lost;
    }

    String owner() {
        return owner;
    }

    /** Takes and resumes the jobs {@code which} accepts, then renews on every {@link JobEngine#HEARTBEAT}. */
    void start(Predicate<Job> which) {
        this.resumeWhich = which;
        claimAndWatch();
        nextHeartbeat = loop.now().plus(JobEngine.HEARTBEAT);
    }

    boolean heartbeatDue() {
        return nextHeartbeat != null && !loop.now().isBefore(nextHeartbeat);
    }

    boolean holds(long jobId) {
        return leased.contains(jobId);
    }

    /** A job this engine has just created with its own lease. */
    void holdNew(long jobId) {
        leased.add(jobId);
    }

    /** Jobs the engine would follow but another live process does. */
    Set<Long> elsewhere() {
        return Set.copyOf(elsewhere.keySet());
    }

    /**
     * Takes every unfinished job {@link #resumeWhich} accepts that nobody else follows (or whose holder stopped
     * renewing its lease) and resumes it; watches the others, publishing their status changes as they are stored
     * by the process that follows them, so listeners (a {@code jobs --resume} waiting for its jobs, the job table)
     * see them end.
     */
    private void claimAndWatch() {
        Set<Long> seen = new HashSet<>();
        for (Job job : store.unfinished()) {
            if (leased.contains(job.id()) || !resumeWhich.test(job)) {
                continue;
            }
            seen.add(job.id());
            boolean takeable = job.status() != JobStatus.SUBMISSION_UNCERTAIN;   // waits for the user, not a process
            if (takeable && store.claim(job.id(), owner, loop.now(), JobEngine.LEASE)) {
                leased.add(job.id());
                JobStatus before = elsewhere.remove(job.id());
                if (before != null && before != job.status()) {
                    loop.publish(new JobEvent.StatusChanged(job, before));
                }
                loop.unfinished().addSnapshot(List.of(job)); // the quit warning counts it before any event about it
                resume.accept(job);
            } else {
                JobStatus before = elsewhere.put(job.id(), job.status());
                if (before != null && before != job.status()) {
                    loop.publish(new JobEvent.StatusChanged(job, before));
                }
            }
        }
        for (Iterator<Map.Entry<Long, JobStatus>> it = elsewhere.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, JobStatus> e = it.next();
            if (!seen.contains(e.getKey())) {
                it.remove();   // ended under another process (or was forgotten)
                store.find(e.getKey()).ifPresent(job -> loop.publish(new JobEvent.StatusChanged(job, e.getValue())));
            }
        }
    }

    /** Renews this process's leases, drops jobs another process took over, and looks for jobs to take. */
    void heartbeat() {
        Instant now = loop.now();
        nextHeartbeat = now.plus(JobEngine.HEARTBEAT);
        if (!leased.isEmpty()) {
            Set<Long> held = store.renew(owner, new ArrayList<>(leased), now, JobEngine.LEASE);
            for (Long id : new ArrayList<>(leased)) {
                if (!held.contains(id)) {
                    // Ended (a final status ends the lease) or taken over after renewals were missed: either way
                    // this process stops following it; the new holder saves its outputs.
                    leased.remove(id);
                    lost.accept(id);
                }
            }
        }
        if (resumeWhich != null) {
            claimAndWatch();
        }
    }

    /** Takes the job's lease for a user's action on it, or says which process follows it. */
    void require(long jobId) {
        if (!store.claim(jobId, owner, loop.now(), JobEngine.LEASE)) {
            String holder = store.lease(jobId).map(JobStore.Lease::owner).orElse("another process");
            throw new IllegalStateException("Another ComfyDesk process (" + holder + ") is following this job; "
                    + "try again when it has finished with it");
        }
        leased.add(jobId);
        elsewhere.remove(jobId);
    }

    /**
     * After the engine thread stopped: nothing renews the leases any more, so a resume nearby may take them at once
     * instead of after they run out.
     */
    void releaseAll() {
        for (Long id : new ArrayList<>(leased)) {
            try {
                store.release(id, owner);
            } catch (JobStoreException e) {
                LOG.debug("Releasing job {} failed (its lease runs out by itself): {}", id, e.getMessage());
            }
        }
    }
}
