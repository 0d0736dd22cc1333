package app.comfydesk.jobs;

import static app.comfydesk.jobs.JobSql.setInteger;

import app.comfydesk.api.ApiJson;
import app.comfydesk.api.SubmitRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The job rows' lifecycle on {@link JobStore}'s write connection: a new job, its request id, status moves (with their
 * history entries), queue positions, errors and removal. Every method runs with the store's monitor held (the
 * store's public methods are {@code synchronized} and delegate here), so writes stay serialized on one connection.
 */
final class JobRowWrites {

    private final Connection connection;
    private final JobStore.Failure failure;

    JobRowWrites(Connection connection, JobStore.Failure failure) {
        this.connection = connection;
        this.failure = failure;
    }

    Optional<String> workflowVersion(long id) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT workflow_version FROM jobs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure.of("read the job's workflow version", e);
        }
    }

    Job create(JobSubmission submission, Instant now, String owner, Duration lease) {
        String requestJson = ApiJson.write(StoredRequests.abbreviateDataUris(submission.request().toRedactedJson()));
        String editsJson = null;
        if (submission.edits() != null && !submission.edits().isNull()) {
            JsonNode edits = submission.edits().deepCopy();
            SubmitRequest.redactSecrets(edits);
            editsJson = ApiJson.write(edits);
        }
        JobTarget t = submission.target();
        String sql = "INSERT INTO jobs (base_url, api_version, deployment_id, profile_id, mode, request_json, "
                + "edits_json, workflow_source, prompt_snippet, status, status_rank, created_at, updated_at, "
                + "search_text, lease_owner, lease_until, workflow_version, group_id, group_json) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement ps = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, t.baseUrl().toString());
            ps.setString(2, t.version().name());
            ps.setString(3, t.deploymentId());
            ps.setString(4, t.profileId());
            ps.setString(5, (submission.request().isDynamic() ? JobMode.DYNAMIC : JobMode.OVERRIDES).name());
            ps.setString(6, requestJson);
            ps.setString(7, editsJson);
            ps.setString(8, submission.workflowSource());
            ps.setString(9, PromptSnippet.of(submission.promptSnippet()));
            ps.setString(10, JobStatus.SUBMITTING.name());
            ps.setInt(11, JobStatus.SUBMITTING.ordinal());
            ps.setLong(12, now.toEpochMilli());
            ps.setLong(13, now.toEpochMilli());
            ps.setString(14, searchText(null, t.deploymentId(), submission.promptSnippet(),
                    submission.workflowSource()));
            ps.setString(15, owner);
            if (owner == null) {
                ps.setNull(16, Types.INTEGER);
            } else {
                ps.setLong(16, now.plus(lease).toEpochMilli());
            }
            ps.setString(17, submission.workflowVersion());
            JobGroupTag group = submission.group();
            ps.setString(18, group == null ? null : group.groupId());
            ps.setString(19, group == null ? null : group.json());
            ps.executeUpdate();
            long id;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            addHistory(id, JobStatus.SUBMITTING, now, null);
            OutputRatings.recordSeed(connection, id, submission.seed());
            return require(id);
        } catch (SQLException e) {
            throw failure.of("record the new job", e);
        }
    }

    Job markSubmitted(long id, String requestId, Path outputDir, Instant at) {
        Job job = requireRow(id);
        try (PreparedStatement ps = connection.prepareStatement("UPDATE jobs SET request_id = ?, output_dir = ?, "
                + "search_text = ? WHERE id = ?")) {
            ps.setString(1, requestId);
            ps.setString(2, outputDir == null ? null : outputDir.toString());
            ps.setString(3, searchText(requestId, job.target().deploymentId(), job.promptSnippet(),
                    job.workflowSource()));
            ps.setLong(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure.of("record the request id", e);
        }
        return updateStatus(id, JobStatus.QUEUED, null, null, requestId, at);
    }

    Job updateStatus(long id, JobStatus status, Integer queuePosition, String instanceId, String note, Instant at) {
        Job before = requireRow(id);
        // A job that ended (or waits for the user) is nobody's to follow: its lease ends with the same write.
        String lease = status.isTerminal() || status == JobStatus.SUBMISSION_UNCERTAIN
                ? ", lease_owner = NULL, lease_until = NULL" : "";
        String sql = "UPDATE jobs SET status = ?, status_rank = ?, queue_position = ?, "
                + "instance_id = COALESCE(?, instance_id), updated_at = ?, finished_at = ?" + lease + " WHERE id = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, status.name());
            ps.setInt(2, status.ordinal());
            setInteger(ps, 3, status == JobStatus.QUEUED ? queuePosition : null);
            ps.setString(4, instanceId);
            ps.setLong(5, at.toEpochMilli());
            if (status.isTerminal()) {
                ps.setLong(6, (before.finishedAt() != null ? before.finishedAt() : at).toEpochMilli());
            } else {
                ps.setNull(6, Types.INTEGER);
            }
            ps.setLong(7, id);
            ps.executeUpdate();
            Integer position = status == JobStatus.QUEUED ? queuePosition : null;
            boolean moved = position != null && !position.equals(before.queuePosition());
            boolean newInstance = instanceId != null && !instanceId.equals(before.instanceId());
            if (before.status() != status || moved || newInstance) {
                // A status, a queue move or an instance: each is a structured entry, never parsed from the note.
                addHistory(id, status, at, note, position, instanceId != null ? instanceId : before.instanceId());
            }
            return requireRow(id);
        } catch (SQLException e) {
            throw failure.of("update the job status", e);
        }
    }

    void updateQueuePosition(long id, Integer queuePosition, Instant at) {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE jobs SET queue_position = ?, updated_at = ? WHERE id = ? AND status = 'QUEUED'")) {
            setInteger(ps, 1, queuePosition);
            ps.setLong(2, at.toEpochMilli());
            ps.setLong(3, id);
            if (ps.executeUpdate() == 1 && queuePosition != null) {
                // The queue's movement is history too (structured), so the details show it after a restart.
                addHistory(id, JobStatus.QUEUED, at, null, queuePosition, null);
            }
        } catch (SQLException e) {
            throw failure.of("update the queue position", e);
        }
    }

    Job recordError(long id, JobStatus status, JsonNode error, String message, Instant at) {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE jobs SET error_json = ?, error_message = ? WHERE id = ?")) {
            ps.setString(1, error == null || error.isNull() ? null : ApiJson.write(error));
            ps.setString(2, message);
            ps.setLong(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure.of("record the job's error", e);
        }
        return updateStatus(id, status, null, null, message, at);
    }

    boolean delete(long id) {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure.of("delete the job", e);
        }
    }

    private void addHistory(long id, JobStatus status, Instant at, String note) throws SQLException {
        addHistory(id, status, at, note, null, null);
    }

    private void addHistory(long id, JobStatus status, Instant at, String note, Integer queuePosition,
                            String instanceId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO job_history (job_id, at, status, note, queue_position, instance_id) "
                        + "VALUES (?,?,?,?,?,?)")) {
            ps.setLong(1, id);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, status.name());
            ps.setString(4, note);
            setInteger(ps, 5, queuePosition);
            ps.setString(6, instanceId);
            ps.executeUpdate();
        }
    }

    /** The job with outputs but without history (cheap: what status updates return). */
    private Job requireRow(long id) {
        List<Job> found = select("WHERE id = ?", List.of(id), false);
        if (found.isEmpty()) {
            throw new JobStoreException("No job with id " + id + " (it may have been removed)", null);
        }
        return found.get(0);
    }

    private Job require(long id) {
        List<Job> found = select("WHERE id = ?", List.of(id), true);
        if (found.isEmpty()) {
            throw new JobStoreException("No job with id " + id + " (it may have been removed)", null);
        }
        return found.get(0);
    }

    /** A select on the write connection, for writes that return the job as now stored. */
    private List<Job> select(String tail, List<?> args, boolean withHistory) {
        try {
            return JobRows.select(connection, JobRows.JOB_COLUMNS, tail, args, withHistory);
        } catch (SQLException e) {
            throw failure.of("read jobs", e);
        }
    }

    private static String searchText(String requestId, String deployment, String prompt, String source) {
        return JobSearch.haystack(requestId, deployment, prompt, source);
    }
}
