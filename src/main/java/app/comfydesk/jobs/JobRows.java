package app.comfydesk.jobs;

import static app.comfydesk.jobs.JobSql.bind;
import static app.comfydesk.jobs.JobSql.instant;
import static app.comfydesk.jobs.JobSql.placeholders;

import app.comfydesk.api.ApiVersion;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Job rows read back as {@link Job}s, with their outputs and (when asked) their history: the one select that both
 * of {@link JobStore}'s connections use, the write connection for writes that return the job as now stored and the
 * read connection for lists and details. It runs on the connection it is given, in the caller's transaction.
 */
final class JobRows {

    static final String JOB_COLUMNS = "id, request_id, base_url, api_version, deployment_id, profile_id, mode, "
            + "request_json, edits_json, workflow_source, prompt_snippet, status, queue_position, instance_id, "
            + "error_json, error_message, created_at, updated_at, finished_at, output_dir, seed";

    /** {@link #JOB_COLUMNS} in the same order, with the two large JSON columns left out. */
    static final String LIST_COLUMNS = JOB_COLUMNS.replace("request_json, edits_json",
            "'' AS request_json, NULL AS edits_json");

    private JobRows() {
    }

    static List<Job> select(Connection connection, String columns, String tail, List<?> args,
                            boolean withHistory) throws SQLException {
        String sql = "SELECT " + columns + " FROM jobs " + tail;
        Map<Long, Object[]> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), readRow(rs));
                }
            }
            Map<Long, List<JobOutput>> outputs = outputs(connection, rows.keySet());
            Map<Long, List<StatusChange>> history = withHistory ? history(connection, rows.keySet()) : Map.of();
            List<Job> jobs = new ArrayList<>(rows.size());
            for (Map.Entry<Long, Object[]> e : rows.entrySet()) {
                jobs.add(toJob(e.getValue(), history.getOrDefault(e.getKey(), List.of()),
                        outputs.getOrDefault(e.getKey(), List.of())));
            }
            return jobs;
        }
    }

    private static Object[] readRow(ResultSet rs) throws SQLException {
        Object[] row = new Object[21];
        for (int i = 0; i < row.length; i++) {
            row[i] = rs.getObject(i + 1);
        }
        return row;
    }

    private static Job toJob(Object[] r, List<StatusChange> history, List<JobOutput> outputs) {
        JobTarget target = new JobTarget(URI.create((String) r[2]), ApiVersion.valueOf((String) r[3]),
                (String) r[4], (String) r[5]);
        return new Job(((Number) r[0]).longValue(), (String) r[1], target, JobMode.valueOf((String) r[6]),
                (String) r[7], (String) r[8], (String) r[9], (String) r[10], JobStatus.valueOf((String) r[11]),
                r[12] == null ? null : ((Number) r[12]).intValue(), (String) r[13], (String) r[14], (String) r[15],
                instant(r[16]), instant(r[17]), instant(r[18]), r[19] == null ? null : Path.of((String) r[19]),
                history, outputs, (String) r[20]);
    }

    private static Map<Long, List<JobOutput>> outputs(Connection connection, Collection<Long> ids)
            throws SQLException {
        return perJob(connection, ids, "SELECT job_id, idx, node_id, kind, url, filename, subfolder, local_path, "
                + "bytes, state, error, rating, pick FROM job_outputs", "idx", rs -> {
                    String local = rs.getString(8);
                    return new JobOutput(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), local == null ? null : Path.of(local), rs.getLong(9),
                            OutputState.valueOf(rs.getString(10)), rs.getString(11),
                            OutputRatings.mark(rs.getInt(12), rs.getInt(13)));
                });
    }

    private static Map<Long, List<StatusChange>> history(Connection connection, Collection<Long> ids)
            throws SQLException {
        return perJob(connection, ids, "SELECT job_id, status, at, note, queue_position, instance_id FROM job_history",
                "rowid", rs -> {
                    int position = rs.getInt(5);
                    Integer queuePosition = rs.wasNull() ? null : position;
                    return new StatusChange(JobStatus.valueOf(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getString(4), queuePosition, rs.getString(6));
                });
    }

    /** One row of a per-job table. */
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * The rows of a per-job table ({@code select}, whose first column is {@code job_id}) for {@code ids}, by job, each
     * job's in {@code order}: one query for the whole page.
     */
    private static <T> Map<Long, List<T>> perJob(Connection connection, Collection<Long> ids, String select,
            String order, RowReader<T> reader) throws SQLException {
        Map<Long, List<T>> map = new HashMap<>();
        if (ids.isEmpty()) {
            return map;
        }
        String sql = select + " WHERE job_id IN (" + placeholders(ids.size()) + ") ORDER BY job_id, " + order;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, new ArrayList<>(ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    map.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(reader.read(rs));
                }
            }
        }
        return map;
    }
}
