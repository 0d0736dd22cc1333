package app.comfydesk.jobs;

import static app.comfydesk.jobs.JobSql.bind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SQL of {@link JobStore}'s lists and look-ups: a {@link JobQuery} as a filter, an order and a page, the
 * unfinished jobs, sweep groups and recent durations. Statements are built before the store's read transaction
 * begins; the queries run on the connection they are given, inside it.
 */
final class JobListing {

    private JobListing() {
    }

    /** A statement (or the part of one after {@code FROM jobs}) and its arguments, in order. */
    record Sql(String text, List<Object> args) {
    }

    /** What follows {@code FROM jobs} for one page of {@code query}, in its order. */
    static Sql pageTail(JobQuery query, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(query, args);
        String direction = query.descending() ? " DESC" : " ASC";
        String order = switch (query.sort()) {
            // The id, not created_at: it is the order jobs were stored in, whatever the submitters' clocks said.
            case CREATED -> "id" + direction;
            case UPDATED -> "updated_at" + direction + ", id" + direction;
            case STATUS -> "status_rank" + direction + ", id DESC";
            case DEPLOYMENT -> "deployment_id" + direction + ", id DESC";
            case DURATION -> durationSql(query, args) + direction + ", id" + direction;
            case PROMPT -> "prompt_snippet COLLATE NOCASE" + direction + ", id DESC";
            case REQUEST_ID -> "request_id" + direction + ", id DESC";
        };
        args.add(Math.max(0, limit));
        args.add(Math.max(0, offset));
        return new Sql(where + " ORDER BY " + order + " LIMIT ? OFFSET ?", args);
    }

    /** Creation to end in ms, as the job table shows it: a job still moving runs until {@code query.now()}. */
    private static String durationSql(JobQuery query, List<Object> args) {
        if (query.now() == null) {
            return "(COALESCE(finished_at, updated_at) - created_at)";
        }
        args.add(query.now().toEpochMilli());
        String active = Stream.of(JobStatus.SUBMITTING, JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.DOWNLOADING)
                .map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        return "(COALESCE(finished_at, CASE WHEN status IN (" + active + ") THEN ? ELSE updated_at END) - created_at)";
    }

    /** The statement counting the jobs that match {@code query}. */
    static Sql count(JobQuery query) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM jobs " + where(query, args);
        return new Sql(sql, args);
    }

    static int count(Connection c, Sql count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(count.text())) {
            bind(ps, count.args());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static String where(JobQuery query, List<Object> args) {
        List<String> clauses = new ArrayList<>();
        if (!query.statuses().isEmpty()) {
            clauses.add("status IN (" + query.statuses().stream().map(s -> "?").collect(Collectors.joining(","))
                    + ")");
            query.statuses().stream().map(Enum::name).sorted().forEach(args::add);
        }
        if (query.text() != null) {
            clauses.add("search_text LIKE ? ESCAPE '\\'");
            args.add(JobSearch.likePattern(query.text()));
        }
        String rated = query.rating().sql("o", args);
        if (rated != null) {
            clauses.add("EXISTS (SELECT 1 FROM job_outputs o WHERE o.job_id = jobs.id AND " + rated + ")");
        }
        if (query.groups() != null) {
            clauses.add(query.groups().sql(args));
        }
        return clauses.isEmpty() ? "" : "WHERE " + String.join(" AND ", clauses);
    }

    /** What follows {@code FROM jobs} for every job that is not terminal, oldest first. */
    static String unfinishedTail() {
        // IN (the few unfinished statuses), not NOT IN (the terminal ones): the status index answers it without
        // reading every row, and the engine's heartbeat asks every 10 s in a database of 100,000 jobs.
        String unfinished = Arrays.stream(JobStatus.values()).filter(s -> !s.isTerminal())
                .map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        return "WHERE status IN (" + unfinished + ") ORDER BY id";
    }

    static List<JobGroupMember> groupMembers(Connection c, String groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, status, group_json FROM jobs WHERE group_id = ? ORDER BY id")) {
            ps.setString(1, groupId);
            List<JobGroupMember> members = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.add(new JobGroupMember(rs.getLong(1), JobStatus.valueOf(rs.getString(2)),
                            rs.getString(3)));
                }
            }
            return members;
        }
    }

    static List<Duration> recentDurations(Connection c, String deploymentId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT finished_at - created_at FROM jobs WHERE "
                + "deployment_id = ? AND status = 'SUCCEEDED' AND finished_at IS NOT NULL ORDER BY id DESC "
                + "LIMIT ?")) {
            ps.setString(1, deploymentId);
            ps.setInt(2, Math.max(0, limit));
            List<Duration> durations = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    durations.add(Duration.ofMillis(Math.max(0, rs.getLong(1))));
                }
            }
            return durations;
        }
    }
}
