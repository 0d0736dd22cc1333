package app.comfydesk.jobs;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one count of the jobs this engine follows that have not finished: the store's snapshot of unfinished jobs
 * taken when the engine resumes them, kept current by the engine's events. Counting from events alone misses a
 * resumed job that has not changed state since the start. Safe to read from any thread; watchers are told each new
 * {@link UnfinishedSnapshot} on the thread that changed it (the engine thread).
 */
public final class UnfinishedJobs {

    private final Map<Long, Job> unfinished = new ConcurrentHashMap<>();
    /** Finished jobs never come back; a late event or an older snapshot must not count one again. */
    private final Set<Long> finished = ConcurrentHashMap.newKeySet();
    private final List<Consumer<UnfinishedSnapshot>> watchers = new CopyOnWriteArrayList<>();

    /** Told every new snapshot (after each event about a job, and when resumed jobs join). */
    void watch(Consumer<UnfinishedSnapshot> watcher) {
        watchers.add(watcher);
    }

    /** The store's unfinished jobs that the engine resumes (older than any event about them). */
    void addSnapshot(Collection<Job> jobs) {
        synchronized (this) {
            for (Job job : jobs) {
                if (!finished.contains(job.id())) {
                    unfinished.putIfAbsent(job.id(), job);
                }
            }
        }
        tellWatchers();
    }

    void onJobEvent(JobEvent event) {
        Job job = event.job();
        if (job == null) {
            return;
        }
        synchronized (this) {
            if (job.status().isTerminal() || event instanceof JobEvent.Forgotten) {
                finished.add(job.id());
                unfinished.remove(job.id());
            } else if (!finished.contains(job.id())) {
                unfinished.put(job.id(), job);
            }
        }
        tellWatchers();
    }

    private void tellWatchers() {
        if (!watchers.isEmpty()) {
            UnfinishedSnapshot now = current();
            watchers.forEach(watcher -> watcher.accept(now));
        }
    }

    /** The unfinished jobs as last known, in no particular order. */
    public List<Job> snapshot() {
        return List.copyOf(unfinished.values());
    }

    /** {@link #snapshot()} as the read-side record both the quit warning and the status bar count. */
    public UnfinishedSnapshot current() {
        return new UnfinishedSnapshot(snapshot());
    }
}
