package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobSearch;
import app.comfydesk.jobs.RatingFilter;
import java.util.Set;

/**
 * Which jobs the table shows and in what order.
 *
 * @param phases     the states to show; empty means all
 * @param text       text to find as {@link JobSearch} finds it; blank means no text filter
 * @param sortBy     the column the store orders by
 * @param descending true for newest / largest first
 * @param rating     jobs with at least one output this keeps ({@link RatingFilter#ANY}: all)
 */
public record JobQuerySpec(Set<JobPhase> phases, String text, JobColumn sortBy, boolean descending,
                           RatingFilter rating) {

    public static final JobQuerySpec NEWEST_FIRST = new JobQuerySpec(Set.of(), "", JobColumn.CREATED, true);

    public JobQuerySpec {
        phases = Set.copyOf(phases);
        text = text == null ? "" : text.strip();
        rating = rating == null ? RatingFilter.ANY : rating;
    }

    public JobQuerySpec(Set<JobPhase> phases, String text, JobColumn sortBy, boolean descending) {
        this(phases, text, sortBy, descending, RatingFilter.ANY);
    }

    public JobQuerySpec withRating(RatingFilter newRating) {
        return new JobQuerySpec(phases, text, sortBy, descending, newRating);
    }

    public JobQuerySpec withPhases(Set<JobPhase> newPhases) {
        return new JobQuerySpec(newPhases, text, sortBy, descending, rating);
    }

    public JobQuerySpec withText(String newText) {
        return new JobQuerySpec(phases, newText, sortBy, descending, rating);
    }

    public JobQuerySpec sortedBy(JobColumn column, boolean newDescending) {
        return new JobQuerySpec(phases, text, column, newDescending, rating);
    }

    /** Whether a row belongs in the result (used for live rows the store has not been asked about). */
    public boolean matches(JobRow row) {
        if (!phases.isEmpty() && !phases.contains(row.phase())) {
            return false;
        }
        if (!rating.acceptsAny(row.marks())) {
            return false;
        }
        // The store's rule (jobs.JobSearch), so a live row shows exactly when a reload would show it.
        return JobSearch.matches(text, row.requestId(), row.target(), row.prompt(), row.workflowSource());
    }
}
