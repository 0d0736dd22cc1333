package app.comfydesk.jobs;

import java.util.EnumSet;
import java.util.Set;

/**
 * A filter and order for {@link JobStore#page}/{@link JobStore#count}: statuses (empty = all), a case-insensitive
 * text that must occur in the request id, deployment, prompt snippet or workflow name (null/blank = any), and a sort.
 */
public record JobQuery(Set<JobStatus> statuses, String text, Sort sort, boolean descending) {

    public enum Sort { CREATED, UPDATED, STATUS, DEPLOYMENT, PROMPT, REQUEST_ID }

    public JobQuery {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        text = text == null || text.isBlank() ? null : text.trim();
        sort = sort == null ? Sort.CREATED : sort;
    }

    /** Every job, newest first. */
    public static JobQuery all() {
        return new JobQuery(Set.of(), null, Sort.CREATED, true);
    }

    public JobQuery withStatuses(Set<JobStatus> newStatuses) {
        return new JobQuery(newStatuses, text, sort, descending);
    }

    public JobQuery withText(String newText) {
        return new JobQuery(statuses, newText, sort, descending);
    }

    public JobQuery sortedBy(Sort newSort, boolean newDescending) {
        return new JobQuery(statuses, text, newSort, newDescending);
    }
}
