package app.comfydesk.jobs;

import java.util.List;
import java.util.Set;

/**
 * How a job list shows sweep groups: each group as one row (its first job, the head) unless it is {@code expanded},
 * when every member is a row. Part of {@link JobQuery}, so the store's one search rule also decides which rows a
 * page and a count hold, and paging stays right however many jobs and groups there are (the head is found through
 * the {@code jobs_group} index).
 */
public record JobGroupFold(Set<String> expanded) {

    /** Every group folded to its head. */
    public static final JobGroupFold FOLDED = new JobGroupFold(Set.of());

    public JobGroupFold {
        expanded = expanded == null ? Set.of() : Set.copyOf(expanded);
    }

    public boolean isExpanded(String groupId) {
        return expanded.contains(groupId);
    }

    /** The same fold with {@code groupId} expanded if it was folded, and folded if it was expanded. */
    public JobGroupFold toggled(String groupId) {
        java.util.Set<String> now = new java.util.HashSet<>(expanded);
        if (!now.remove(groupId)) {
            now.add(groupId);
        }
        return new JobGroupFold(now);
    }

    /** The clause over {@code jobs} that keeps ungrouped jobs, group heads and the members of expanded groups. */
    String sql(List<Object> args) {
        StringBuilder sql = new StringBuilder("(jobs.group_id IS NULL OR jobs.id = (SELECT MIN(g.id) FROM jobs g "
                + "WHERE g.group_id = jobs.group_id)");
        if (!expanded.isEmpty()) {
            sql.append(" OR jobs.group_id IN (").append(String.join(",", java.util.Collections.nCopies(
                    expanded.size(), "?"))).append(')');
            expanded.stream().sorted().forEach(args::add);
        }
        return sql.append(')').toString();
    }
}
