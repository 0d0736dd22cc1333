package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.RatingFilter;
import java.util.Set;

/**
 * Which jobs the table shows and in what order.
 *
 * @param phases     the states to show; empty means all
 * @param text       text to find in the prompt, request id, target or error; blank means no text filter
 * @param sortBy     the column the store orders by
 * @param descending true for newest / largest first
 * @param rating     jobs with at least one output this keeps ({@link RatingFilter#ANY}: all)
 * @param groups     sweep groups folded to one row but the expanded ones (the store decides which rows are shown)
 */
public record JobQuerySpec(Set<JobPhase> phases, String text, JobColumn sortBy, boolean descending,
                           RatingFilter rating, app.comfydesk.jobs.JobGroupFold groups) {

    public static final JobQuerySpec NEWEST_FIRST = new JobQuerySpec(Set.of(), "", JobColumn.CREATED, true);

    public JobQuerySpec {
        phases = Set.copyOf(phases);
        text = text == null ? "" : text.strip();
        rating = rating == null ? RatingFilter.ANY : rating;
        groups = groups == null ? app.comfydesk.jobs.JobGroupFold.FOLDED : groups;
    }

    public JobQuerySpec(Set<JobPhase> phases, String text, JobColumn sortBy, boolean descending,
                        RatingFilter rating) {
        this(phases, text, sortBy, descending, rating, null);
    }

    public JobQuerySpec withGroups(app.comfydesk.jobs.JobGroupFold newGroups) {
        return new JobQuerySpec(phases, text, sortBy, descending, rating, newGroups);
    }

    public JobQuerySpec(Set<JobPhase> phases, String text, JobColumn sortBy, boolean descending) {
        this(phases, text, sortBy, descending, RatingFilter.ANY);
    }

    public JobQuerySpec withRating(RatingFilter newRating) {
        return new JobQuerySpec(phases, text, sortBy, descending, newRating, groups);
    }

    public JobQuerySpec withPhases(Set<JobPhase> newPhases) {
        return new JobQuerySpec(newPhases, text, sortBy, descending, rating, groups);
    }

    public JobQuerySpec withText(String newText) {
        return new JobQuerySpec(phases, newText, sortBy, descending, rating, groups);
    }

    public JobQuerySpec sortedBy(JobColumn column, boolean newDescending) {
        return new JobQuerySpec(phases, text, column, newDescending, rating, groups);
    }

    /** Whether a row belongs in the result (used for live rows the store has not been asked about). */
    public boolean matches(JobRow row) {
        if (!phases.isEmpty() && !phases.contains(row.phase())) {
            return false;
        }
        if (!rating.acceptsAny(row.marks())) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        String needle = text.toLowerCase(java.util.Locale.ROOT);
        return contains(row.prompt(), needle) || contains(row.requestId(), needle) || contains(row.target(), needle)
                || contains(row.errorSummary(), needle) || String.valueOf(row.id()).equals(needle);
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(java.util.Locale.ROOT).contains(needle);
    }
}
