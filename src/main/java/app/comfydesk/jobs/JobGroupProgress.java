package app.comfydesk.jobs;

/**
 * Where one sweep group stands: {@code planned} jobs (as its {@code group_json} says; the stored count when it does
 * not), {@code stored} of them sent so far, {@code ended} of those in a final state, {@code failed} and
 * {@code cancelled} among them.
 */
public record JobGroupProgress(String groupId, String kind, int planned, int stored, int ended, int failed,
                               int cancelled) {

    /** Members that may still change: sent and not ended. */
    public int unfinished() {
        return stored - ended;
    }

    /** "12 / 25", "25 / 25 · 2 failed" (ended of planned). */
    public String text() {
        return ended + " / " + planned + (failed > 0 ? " · " + failed + " failed" : "")
                + (cancelled > 0 ? " · " + cancelled + " cancelled" : "");
    }
}
