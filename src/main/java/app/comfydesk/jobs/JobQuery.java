package app.comfydesk.jobs;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A filter and order for {@link JobStore#page}/{@link JobStore#count}: statuses (empty = all), a case-insensitive
 * text that must occur in the request id, deployment, prompt snippet or workflow name (null/blank = any), and a sort.
 * {@code now} is where a {@link Sort#DURATION} sort ends the jobs still going (null: at their last change).
 * {@code rating} keeps jobs with at least one output it accepts ({@link RatingFilter#ANY}: every job).
 */
public record JobQuery(Set<JobStatus> statuses, String text, Sort sort, boolean descending, Instant now,
                       RatingFilter rating, JobGroupFold groups) {

    /**
     * CREATED is submission order (the row id: jobs stored in the same millisecond, or created while an earlier one
     * waited for the store, keep the order they were submitted in); DURATION is creation to end, as the table shows.
     */
    public enum Sort { CREATED, UPDATED, STATUS, DEPLOYMENT, PROMPT, REQUEST_ID, DURATION }

    public JobQuery(Set<JobStatus> statuses, String text, Sort sort, boolean descending) {
        this(statuses, text, sort, descending, null);
    }

    public JobQuery(Set<JobStatus> statuses, String text, Sort sort, boolean descending, Instant now) {
        this(statuses, text, sort, descending, now, RatingFilter.ANY);
    }

    public JobQuery(Set<JobStatus> statuses, String text, Sort sort, boolean descending, Instant now,
                    RatingFilter rating) {
        this(statuses, text, sort, descending, now, rating, null);
    }

    /** {@code groups}: sweep groups folded to one row each but the expanded ones; null lists every job. */
    public JobQuery withGroups(JobGroupFold newGroups) {
        return new JobQuery(statuses, text, sort, descending, now, rating, newGroups);
    }

    public JobQuery {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        text = text == null || text.isBlank() ? null : text.trim();
        sort = sort == null ? Sort.CREATED : sort;
        rating = rating == null ? RatingFilter.ANY : rating;
    }

    public JobQuery withRating(RatingFilter newRating) {
        return new JobQuery(statuses, text, sort, descending, now, newRating, groups);
    }

    /**
     * Whether a job with these fields is in the result: the store's filter, for live jobs the store was not asked
     * about (statuses, the rating of its outputs, and {@link JobSearch}).
     */
    public boolean matches(JobStatus status, java.util.List<OutputMark> marks, String requestId, String deployment,
                           String prompt, String workflowSource) {
        return (statuses.isEmpty() || statuses.contains(status)) && rating.acceptsAny(marks)
                && JobSearch.matches(text, requestId, deployment, prompt, workflowSource);
    }

    /** Every job, newest first. */
    public static JobQuery all() {
        return new JobQuery(Set.of(), null, Sort.CREATED, true);
    }

    public JobQuery withStatuses(Set<JobStatus> newStatuses) {
        return new JobQuery(newStatuses, text, sort, descending, now, rating, groups);
    }

    public JobQuery withText(String newText) {
        return new JobQuery(statuses, newText, sort, descending, now, rating, groups);
    }

    public JobQuery sortedBy(Sort newSort, boolean newDescending) {
        return new JobQuery(statuses, text, newSort, newDescending, now, rating, groups);
    }

    /** The same query with running jobs' durations measured up to {@code newNow}. */
    public JobQuery measuredAt(Instant newNow) {
        return new JobQuery(statuses, text, sort, descending, newNow, rating, groups);
    }
}
