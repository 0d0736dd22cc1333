package app.comfydesk.jobs;

import static app.comfydesk.jobs.JobSql.placeholders;
import static app.comfydesk.jobs.JobSql.inTransaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A job's outputs ({@code job_outputs}) on {@link JobStore}'s write connection: the list the server returned and each
 * output's download state. Ratings and picks in the same rows are the user's and are written by
 * {@link OutputRatings} only. Every method runs with the store's monitor held (see {@link JobRowWrites}).
 */
final class JobOutputWrites {

    private final Connection connection;
    private final JobStore.Failure failure;

    JobOutputWrites(Connection connection, JobStore.Failure failure) {
        this.connection = connection;
        this.failure = failure;
    }

    void saveOutputs(long jobId, List<JobOutput> outputs) {
        inTransaction(connection, failure, "record the job's outputs", () -> {
            // Outputs that stay keep their rows (and so their ratings); only those no longer listed go.
            String kept = outputs.isEmpty() ? "" : " AND idx NOT IN (" + placeholders(outputs.size()) + ")";
            try (PreparedStatement del = connection.prepareStatement("DELETE FROM job_outputs WHERE job_id = ?"
                    + kept)) {
                del.setLong(1, jobId);
                for (int i = 0; i < outputs.size(); i++) {
                    del.setInt(i + 2, outputs.get(i).index());
                }
                del.executeUpdate();
            }
            for (JobOutput o : outputs) {
                writeOutput(jobId, o);
            }
            return null;
        });
    }

    void updateOutput(long jobId, JobOutput output) {
        try {
            writeOutput(jobId, output);
        } catch (SQLException e) {
            throw failure.of("record an output", e);
        }
    }

    private void writeOutput(long jobId, JobOutput o) throws SQLException {
        // An upsert that leaves rating and pick alone: they are the user's, written only by OutputRatings.
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO job_outputs (job_id, idx, "
                + "node_id, kind, url, filename, subfolder, local_path, bytes, state, error) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (job_id, idx) DO UPDATE SET node_id = excluded.node_id, "
                + "kind = excluded.kind, url = excluded.url, filename = excluded.filename, "
                + "subfolder = excluded.subfolder, local_path = excluded.local_path, bytes = excluded.bytes, "
                + "state = excluded.state, error = excluded.error")) {
            ps.setLong(1, jobId);
            ps.setInt(2, o.index());
            ps.setString(3, o.nodeId());
            ps.setString(4, o.kind());
            ps.setString(5, o.url());
            ps.setString(6, o.filename());
            ps.setString(7, o.subfolder());
            ps.setString(8, o.localPath() == null ? null : o.localPath().toString());
            ps.setLong(9, o.bytes());
            ps.setString(10, o.state().name());
            ps.setString(11, o.error());
            ps.executeUpdate();
        }
    }
}
