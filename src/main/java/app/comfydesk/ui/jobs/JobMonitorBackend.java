package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.UnfinishedSnapshot;
import app.comfydesk.ui.gallery.OutputItem;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the job monitor needs from the engine and the job store — the monitor's seam, so it is built and tested
 * without the engine's internals. {@code ComfyDeskApp} adapts {@code JobStore} + {@code JobEngine} to it.
 * Query methods block (they read the store) and are only called on worker threads.
 */
public interface JobMonitorBackend {

    int count(JobQuery query);

    /** Rows {@code offset} … {@code offset + limit - 1} of the query's result. */
    List<JobRow> page(JobQuery query, int offset, int limit);

    Optional<JobDetails> details(long jobId);

    /** The newest outputs across all jobs, newest first. */
    List<OutputItem> recentOutputs(int limit);

    /** Events arrive on engine threads; the monitor coalesces them before they reach the FX thread. */
    void addListener(Listener listener);

    /**
     * The engine's unfinished jobs now ({@code JobEngine.unfinished()}, the snapshot the quit warning counts); the
     * status bar's running and queued figures. Any thread; does not block. Later snapshots reach the listeners.
     */
    default UnfinishedSnapshot unfinished() {
        return UnfinishedSnapshot.NONE;
    }

    /** Completes with the outcome in words ("Cancellation requested"); fails with a readable message. */
    CompletableFuture<String> cancel(long jobId);

    /** Cancels every unfinished job of a sweep group (reads the store: worker threads only); the outcome in words. */
    default CompletableFuture<String> cancelGroup(String groupId) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("groups cannot be cancelled here"));
    }

    /** Purges the job's remote assets; fails with a message that explains a 409 (job still running). */
    CompletableFuture<String> deleteRemote(long jobId);

    /** Submits the job again with the same edits; completes with the new job's id. */
    CompletableFuture<Long> rerun(long jobId);

    /**
     * A reachability probe's finding for the server at {@code baseUrl} (null reason: it answered), reported like
     * the engine's own connection changes so that the chip, status bar and banner know before any job fails.
     */
    default void connectionProbed(String baseUrl, String offlineReason) {
    }

    interface Listener {
        void jobChanged(JobRow row);

        default void connectionChanged(ConnectionStatus status) {
        }

        /** A new snapshot of the engine's unfinished jobs (told before the event that changed it). */
        default void unfinishedChanged(UnfinishedSnapshot unfinished) {
        }
    }
}
