package app.comfydesk.jobs;

/**
 * Receives job events. Called on engine threads, possibly often (one per status change): keep it quick, never
 * block, and coalesce before touching a UI.
 */
@FunctionalInterface
public interface JobListener {
    void onJobEvent(JobEvent event);
}
