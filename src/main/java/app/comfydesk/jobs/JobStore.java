package app.comfydesk.jobs;

import static app.comfydesk.jobs.JobSql.autoCommit;
import static app.comfydesk.jobs.JobSql.bind;
import static app.comfydesk.jobs.JobSql.placeholders;
import static app.comfydesk.jobs.JobSql.rollback;
import static app.comfydesk.jobs.JobSql.setInteger;

import app.comfydesk.api.ApiJson;
import app.comfydesk.api.SubmitRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every job ever submitted, in SQLite (WAL, versioned schema via {@code PRAGMA user_version}). Built for 100,000
 * jobs: the list is read in pages ({@link #page}, {@link #count}) through indexes, history only on {@link #find}.
 * Secrets never get here: the request body is stored redacted, and {@code data:} URIs over 64 KiB are abbreviated.
 * Thread-safe: writes are serialized on one connection, reads have a WAL connection of their own (so a list read by
 * the UI never waits for the poller's writes, nor they for it). The engine is the only writer in the app; of several
 * processes sharing the file, the one holding a job's lease ({@link #claim}) follows it. The file's connections and
 * the migrations are {@link JobStoreSchema}'s.
 */
public final class JobStore implements AutoCloseable {

    /** Newest schema this code writes. */
    public static final int SCHEMA_VERSION = 3;
    /**
     * How long a connection waits for another process's lock before a statement fails: migrations of ten processes
     * starting at once, and writes of the app, {@code run}s and {@code jobs --resume} sharing one file.
     */
    public static final int BUSY_TIMEOUT_MILLIS = 10_000;

    /** Every write, and the reads a write needs; guarded by {@code this}. */
    private final Connection connection;
    /**
     * Reads for lists and details (the UI, the command line, the engine's look-ups) on a connection of their own:
     * in WAL mode they see the last commit without waiting for a write in progress, and a write never waits for
     * them. Guarded by {@link #readLock}; {@code query_only}, so it cannot write by mistake.
     */
    private final Connection reads;
    private final Object readLock = new Object();
    private final Path file;

    private JobStore(Connection connection, Connection reads, Path file) {
        this.connection = connection;
        this.reads = reads;
        this.file = file;
    }

    /** Opens (creating or migrating) the store at {@code dbFile}; safe while other processes do the same. */
    public static JobStore open(Path dbFile) {
        Path absolute = dbFile.toAbsolutePath();
        Connection writer = null;
        Connection reader = null;
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
                SqliteNative.prepare(parent.resolve(SqliteNative.FOLDER));
            }
            writer = JobStoreSchema.connect(absolute);
            JobStoreSchema.migrate(writer, absolute);
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
            }
            reader = JobStoreSchema.connect(absolute);
            try (Statement s = reader.createStatement()) {
                s.execute("PRAGMA query_only = 1");
            }
            return new JobStore(writer, reader, dbFile);
        } catch (SQLException | IOException e) {
            JobStoreSchema.closeQuietly(reader);
            JobStoreSchema.closeQuietly(writer);
            throw new JobStoreException("Cannot open the job database " + dbFile + ": " + e.getMessage(), e);
        } catch (JobStoreException e) {
            JobStoreSchema.closeQuietly(reader);
            JobStoreSchema.closeQuietly(writer);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public int schemaVersion() {
        synchronized (readLock) {
            try {
                return JobStoreSchema.userVersion(reads);
            } catch (SQLException e) {
                throw failure("read the schema version", e);
            }
        }
    }

    // ---- writes -------------------------------------------------------------------------------------------------

    /** Records a new job in {@link JobStatus#SUBMITTING}, held by nobody (see {@link #create(JobSubmission,
     * Instant, String, Duration)}). */
    public Job create(JobSubmission submission, Instant now) {
        return create(submission, now, null, Duration.ZERO);
    }

    /** The deployment's workflow version a job was measured against, when it was known. */
    public synchronized Optional<String> workflowVersion(long id) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT workflow_version FROM jobs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the job's workflow version", e);
        }
    }

    /**
     * Records a new job in {@link JobStatus#SUBMITTING}, leased to {@code owner} for {@code lease} from the start (so
     * no {@code jobs --resume} nearby takes a job being sent for one that was interrupted); secrets are removed
     * before anything is written.
     */
    public synchronized Job create(JobSubmission submission, Instant now, String owner, Duration lease) {
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
            throw failure("record the new job", e);
        }
    }

    /** The server accepted the job: it gets its request id and output folder and becomes QUEUED (no history). */
    public synchronized Job markSubmitted(long id, String requestId, Path outputDir, Instant at) {
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
            throw failure("record the request id", e);
        }
        return updateStatus(id, JobStatus.QUEUED, null, null, requestId, at);
    }

    /**
     * Moves the job to {@code status} (adding a history entry when the status, queue position or instance changes,
     * with position and instance as columns) and stores queue position
     * and instance id (null instance id keeps the known one). Returns the job as now stored, without history (this
     * runs on every poll answer that changes something; {@link #find} has the history).
     */
    public synchronized Job updateStatus(long id, JobStatus status, Integer queuePosition, String instanceId,
                                         String note, Instant at) {
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
            throw failure("update the job status", e);
        }
    }

    /**
     * Records a new queue position of a QUEUED job: one UPDATE, no history entry and nothing read back. This is
     * what most poll answers change while the queue moves, so it is kept cheap.
     */
    public synchronized void updateQueuePosition(long id, Integer queuePosition, Instant at) {
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
            throw failure("update the queue position", e);
        }
    }

    /** Stores the server's error (as it came, may be null) with a readable message and moves to {@code status}. */
    public synchronized Job recordError(long id, JobStatus status, JsonNode error, String message, Instant at) {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE jobs SET error_json = ?, error_message = ? WHERE id = ?")) {
            ps.setString(1, error == null || error.isNull() ? null : ApiJson.write(error));
            ps.setString(2, message);
            ps.setLong(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the job's error", e);
        }
        return updateStatus(id, status, null, null, message, at);
    }

    /** Replaces the job's outputs (planned paths included) in one transaction. */
    public synchronized void saveOutputs(long jobId, List<JobOutput> outputs) {
        try {
            connection.setAutoCommit(false);
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
            connection.commit();
        } catch (SQLException e) {
            rollback(connection);
            throw failure("record the job's outputs", e);
        } finally {
            autoCommit(connection);
        }
    }

    /** Updates one output (state, size, error). */
    public synchronized void updateOutput(long jobId, JobOutput output) {
        try {
            writeOutput(jobId, output);
        } catch (SQLException e) {
            throw failure("record an output", e);
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

    // ---- leases: one process follows a job at a time -----------------------------------------------------------

    /**
     * Takes the job for {@code owner} until {@code now + lease} if nobody holds it, {@code owner} already does, or
     * the holder's lease ran out (a crashed process stops renewing). One UPDATE, so of two processes trying at once
     * exactly one succeeds. False when another live process holds it, or the job is gone.
     */
    public synchronized boolean claim(long id, String owner, Instant now, Duration lease) {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE jobs SET lease_owner = ?, lease_until = ? "
                + "WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until <= ?)")) {
            ps.setString(1, owner);
            ps.setLong(2, now.plus(lease).toEpochMilli());
            ps.setLong(3, id);
            ps.setString(4, owner);
            ps.setLong(5, now.toEpochMilli());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("take over the job", e);
        }
    }

    /**
     * The heartbeat: extends every lease {@code owner} still holds among {@code ids} to {@code now + lease}, in one
     * transaction. Returns the ids still held; the others were taken over (after this process missed its renewals)
     * or have ended.
     */
    public synchronized Set<Long> renew(String owner, Collection<Long> ids, Instant now, Duration lease) {
        Set<Long> held = new HashSet<>();
        if (ids.isEmpty()) {
            return held;
        }
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE jobs SET lease_until = ? WHERE id = ? AND lease_owner = ?")) {
                for (long id : ids) {
                    ps.setLong(1, now.plus(lease).toEpochMilli());
                    ps.setLong(2, id);
                    ps.setString(3, owner);
                    if (ps.executeUpdate() == 1) {
                        held.add(id);
                    }
                }
            }
            connection.commit();
            return held;
        } catch (SQLException e) {
            rollback(connection);
            throw failure("renew the leases of followed jobs", e);
        } finally {
            autoCommit(connection);
        }
    }

    /** Gives the job up (if {@code owner} holds it), so another process may follow it at once. */
    public synchronized void release(long id, String owner) {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")) {
            ps.setLong(1, id);
            ps.setString(2, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("release the job", e);
        }
    }

    /** Who follows the job and until when (empty when nobody does): for messages and tests. */
    public Optional<Lease> lease(long id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT lease_owner, lease_until FROM jobs WHERE id = ? AND lease_owner IS NOT NULL")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Lease(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
                            : Optional.<Lease>empty();
                }
            }
        });
    }

    /** The process that follows a job ({@code owner}, e.g. {@code run 1234@host/4f2a}) and when its lease ends. */
    public record Lease(String owner, Instant until) {
    }

    /** Removes a job from the local history (not from the server). */
    public synchronized boolean delete(long id) {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("delete the job", e);
        }
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    /** The job with its full history and outputs. */
    public Optional<Job> find(long id) {
        List<Job> found = read(c -> JobRows.select(c, JobRows.JOB_COLUMNS, "WHERE id = ?", List.of(id), true));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every job that is not terminal (oldest first), with history and outputs. */
    public List<Job> unfinished() {
        // IN (the few unfinished statuses), not NOT IN (the terminal ones): the status index answers it without
        // reading every row, and the engine's heartbeat asks every 10 s in a database of 100,000 jobs.
        String unfinished = java.util.Arrays.stream(JobStatus.values()).filter(s -> !s.isTerminal())
                .map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        return read(c -> JobRows.select(c, JobRows.JOB_COLUMNS, "WHERE status IN (" + unfinished + ") ORDER BY id",
                List.of(), true));
    }

    /** One page of jobs matching {@code query}, in its order; rows carry outputs but no history. */
    public List<Job> page(JobQuery query, int offset, int limit) {
        return page(query, offset, limit, JobRows.JOB_COLUMNS);
    }

    /**
     * {@link #page} for lists (the job table, the gallery, {@code comfydesk jobs}): the same rows without the request
     * and edits JSON, which can be megabytes each (a whole workflow in Full mode, a dropped image's {@code data:}
     * URI in the edits) and which a list never shows. In these rows {@code requestJson} is empty and
     * {@code editsJson} null; {@link #find} reads a job whole.
     */
    public List<Job> listPage(JobQuery query, int offset, int limit) {
        return page(query, offset, limit, JobRows.LIST_COLUMNS);
    }

    private List<Job> page(JobQuery query, int offset, int limit, String columns) {
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
        return read(c -> JobRows.select(c, columns, where + " ORDER BY " + order + " LIMIT ? OFFSET ?", args,
                false));
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

    /** How many jobs match {@code query}. */
    public int count(JobQuery query) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM jobs " + where(query, args);
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    @FunctionalInterface
    interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on the write connection, serialized with every other write (for {@link OutputRatings}). */
    synchronized <T> T write(String what, Read<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} on the read connection in one read transaction (rows, outputs and history agree). */
    <T> T read(Read<T> work) {
        synchronized (readLock) {
            try (Statement s = reads.createStatement()) {
                s.execute("BEGIN");
                try {
                    return work.run(reads);
                } finally {
                    s.execute("COMMIT");
                }
            } catch (SQLException e) {
                throw failure("read jobs", e);
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

    /** A select on the write connection, for writes that return the job as now stored. */
    private List<Job> select(String tail, List<?> args, boolean withHistory) {
        try {
            return JobRows.select(connection, JobRows.JOB_COLUMNS, tail, args, withHistory);
        } catch (SQLException e) {
            throw failure("read jobs", e);
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

    private static String searchText(String requestId, String deployment, String prompt, String source) {
        return JobSearch.haystack(requestId, deployment, prompt, source);
    }

    // ---- sweep groups (schema 3's group_id / group_json) ------------------------------------------------------

    /** The jobs of one sweep group, in submission order. */
    public List<JobGroupMember> groupMembers(String groupId) {
        return read(c -> {
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
        });
    }

    /** How long the latest succeeded jobs of a deployment took, creation to end, newest first (for estimates). */
    public List<Duration> recentDurations(String deploymentId, int limit) {
        return read(c -> {
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
        });
    }

    private JobStoreException failure(String what, SQLException e) {
        return new JobStoreException("Cannot " + what + " in the job database " + file + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        synchronized (readLock) {
            try {
                reads.close();
                connection.close();
            } catch (SQLException e) {
                throw failure("close", e);
            }
        }
    }
}
