package app.comfydesk.jobs;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one count of the jobs this engine follows that have not finished: the store's snapshot of unfinished jobs
 * taken when the engine resumes them, kept current by the engine's events. Counting from events alone misses a
 * resumed job that has not changed state since the start. Safe to read from any thread.
 */
public final class UnfinishedJobs {

    private final Map<Long, Job> unfinished = new ConcurrentHashMap<>();
    /** Finished jobs never come back; a late event or an older snapshot must not count one again. */
    private final Set<Long> finished = ConcurrentHashMap.newKeySet();

    /** The store's unfinished jobs that the engine resumes (older than any event about them). */
    synchronized void addSnapshot(Collection<Job> jobs) {
        for (Job job : jobs) {
            if (!finished.contains(job.id())) {
                unfinished.putIfAbsent(job.id(), job);
            }
        }
    }

    synchronized void onJobEvent(JobEvent event) {
        Job job = event.job();
        if (job == null) {
            return;
        }
        if (job.status().isTerminal() || event instanceof JobEvent.Forgotten) {
            finished.add(job.id());
            unfinished.remove(job.id());
        } else if (!finished.contains(job.id())) {
            unfinished.put(job.id(), job);
        }
    }

    /** The unfinished jobs as last known, in no particular order. */
    public List<Job> snapshot() {
        return List.copyOf(unfinished.values());
    }
}
