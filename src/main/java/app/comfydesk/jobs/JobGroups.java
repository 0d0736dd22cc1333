package app.comfydesk.jobs;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads about sweep groups for lists: which group each job of a page is in, each group's progress in one grouped
 * query, and the members still unfinished (to cancel a group as a whole). Kept out of {@link JobStore} so the store
 * only gains the fold in its one search rule.
 */
public final class JobGroups {

    /** At most this many ids per {@code IN (...)} (a page is 100 rows). */
    static final int MAX_IDS = 500;

    private final JobStore store;

    public JobGroups(JobStore store) {
        this.store = store;
    }

    /** The group of each of {@code jobIds} that is in one. */
    public Map<Long, String> groupsOf(Collection<Long> jobIds) {
        Map<Long, String> groups = new HashMap<>();
        for (List<Long> chunk : chunks(List.copyOf(jobIds))) {
            store.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id, group_id FROM jobs WHERE group_id IS "
                        + "NOT NULL AND id IN (" + marks(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            groups.put(rs.getLong(1), rs.getString(2));
                        }
                    }
                }
                return null;
            });
        }
        return groups;
    }

    /** Each group's progress, in one grouped read per chunk of groups. */
    public Map<String, JobGroupProgress> progress(Collection<String> groupIds) {
        String terminal = statuses(Arrays.stream(JobStatus.values()).filter(JobStatus::isTerminal).toList());
        Map<String, JobGroupProgress> progress = new HashMap<>();
        for (List<String> chunk : chunks(List.copyOf(new java.util.TreeSet<>(groupIds)))) {
            store.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT group_id, COUNT(*), "
                        + "SUM(CASE WHEN status IN (" + terminal + ") THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN status = 'CANCELLED' THEN 1 ELSE 0 END), "
                        + "MAX(json_extract(group_json, '$.jobs')), MAX(json_extract(group_json, '$.kind')) "
                        + "FROM jobs WHERE group_id IN (" + marks(chunk.size()) + ") GROUP BY group_id")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            int stored = rs.getInt(2);
                            long planned = rs.getLong(6);
                            int total = planned > stored && planned <= Integer.MAX_VALUE ? (int) planned : stored;
                            String kind = rs.getString(7);
                            progress.put(rs.getString(1), new JobGroupProgress(rs.getString(1),
                                    kind == null ? "sweep" : kind, total, stored, rs.getInt(3), rs.getInt(4),
                                    rs.getInt(5)));
                        }
                    }
                }
                return null;
            });
        }
        return progress;
    }

    /** Each group's head: its first job (the row it is folded to). */
    public Map<String, Long> heads(Collection<String> groupIds) {
        Map<String, Long> heads = new HashMap<>();
        for (List<String> chunk : chunks(List.copyOf(new java.util.TreeSet<>(groupIds)))) {
            store.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT group_id, MIN(id) FROM jobs WHERE group_id "
                        + "IN (" + marks(chunk.size()) + ") GROUP BY group_id")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            heads.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
                return null;
            });
        }
        return heads;
    }

    /** The group's members that have not reached a final state, in submission order. */
    public List<Long> unfinishedMembers(String groupId) {
        return store.groupMembers(groupId).stream().filter(m -> !m.status().isTerminal()).map(JobGroupMember::jobId)
                .toList();
    }

    private static String statuses(List<JobStatus> statuses) {
        return statuses.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += MAX_IDS) {
            chunks.add(all.subList(i, Math.min(all.size(), i + MAX_IDS)));
        }
        return chunks;
    }
}
