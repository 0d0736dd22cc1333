package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobGroupFold;
import app.comfydesk.jobs.JobGroupProgress;
import app.comfydesk.jobs.JobGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The sweep groups of a page of the job table: each row in a group learns it, a head row its group's progress (one
 * grouped read for the page), and a group is cancelled as a whole by cancelling its unfinished members. Blocking
 * reads: called on worker threads only.
 */
final class GroupedRows {

    private final JobGroups groups;

    GroupedRows(JobGroups groups) {
        this.groups = groups;
    }

    List<JobRow> annotate(List<JobRow> rows, JobGroupFold fold) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, String> groupOf = groups.groupsOf(rows.stream().map(JobRow::id).toList());
        if (groupOf.isEmpty()) {
            return rows;
        }
        Map<String, JobGroupProgress> progress = groups.progress(groupOf.values());
        Map<String, Long> heads = groups.heads(groupOf.values());
        List<JobRow> annotated = new ArrayList<>(rows.size());
        for (JobRow row : rows) {
            String group = groupOf.get(row.id());
            JobGroupProgress p = group == null ? null : progress.get(group);
            annotated.add(p == null ? row : row.withGroup(new JobGroupRow(group, p.kind(), p.text(),
                    fold.isExpanded(group), p.unfinished(), heads.getOrDefault(group, -1L) == row.id())));
        }
        return annotated;
    }

    /** Cancels every member of {@code groupId} that has not ended; completes with the outcome in words. */
    CompletableFuture<String> cancel(String groupId, java.util.function.LongFunction<CompletableFuture<String>>
            cancelJob) {
        List<Long> unfinished = groups.unfinishedMembers(groupId);
        if (unfinished.isEmpty()) {
            return CompletableFuture.completedFuture("Nothing to cancel: every job of the sweep has ended.");
        }
        CompletableFuture<?>[] each = unfinished.stream().map(id -> cancelJob.apply(id)
                .exceptionally(error -> null)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(each).thenApply(ignored -> "Sweep cancelled: " + unfinished.size()
                + " unfinished job" + (unfinished.size() == 1 ? "" : "s") + " asked to stop.");
    }
}
