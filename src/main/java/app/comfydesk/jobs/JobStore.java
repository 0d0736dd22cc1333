package app.comfydesk.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every job ever submitted, in SQLite (WAL, versioned schema via {@code PRAGMA user_version}). Built for 100,000
 * jobs: the list is read in pages ({@link #page}, {@link #count}) through indexes, history only on {@link #find}.
 * Secrets never get here: the request body is stored redacted, and {@code data:} URIs over 64 KiB are abbreviated.
 * Thread-safe: writes are serialized on one connection, reads have a WAL connection of their own (so a list read by
 * the UI never waits for the poller's writes, nor they for it). The engine is the only writer in the app; of several
 * processes sharing the file, the one holding a job's lease ({@link #claim}) follows it. The file's connections and
 * the migrations are {@link JobStoreSchema}'s.
 * <p>
 * This class owns the two connections, the write lock (its monitor: every write method is {@code synchronized}) and
 * the read transaction ({@link #read}); the SQL is in package-private parts that run inside them: job rows
 * ({@link JobRowWrites}), outputs ({@link JobOutputWrites}), leases ({@link JobLeaseRows}), lists and look-ups
 * ({@link JobListing}), and rows read back as jobs ({@link JobRows}).
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
    /** The parts that write on {@link #connection}; called only with {@code this} held. */
    private final JobRowWrites rowWrites;
    private final JobOutputWrites outputWrites;
    private final JobLeaseRows leaseRows;

    private JobStore(Connection connection, Connection reads, Path file) {
        this.connection = connection;
        this.reads = reads;
        this.file = file;
        this.rowWrites = new JobRowWrites(connection, this::failure);
        this.outputWrites = new JobOutputWrites(connection, this::failure);
        this.leaseRows = new JobLeaseRows(connection, this::failure);
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

    // ---- writes (JobRowWrites, JobOutputWrites) -----------------------------------------------------------------

    /** The deployment's workflow version a job was measured against, when it was known. */
    public synchronized Optional<String> workflowVersion(long id) {
        return rowWrites.workflowVersion(id);
    }

    /**
     * Records a new job in {@link JobStatus#SUBMITTING}, leased to {@code owner} for {@code lease} from the start (so
     * no {@code jobs --resume} nearby takes a job being sent for one that was interrupted); secrets are removed
     * before anything is written.
     */
    public synchronized Job create(JobSubmission submission, Instant now, String owner, Duration lease) {
        return rowWrites.create(submission, now, owner, lease);
    }

    /** The server accepted the job: it gets its request id and output folder and becomes QUEUED (no history). */
    public synchronized Job markSubmitted(long id, String requestId, Path outputDir, Instant at) {
        return rowWrites.markSubmitted(id, requestId, outputDir, at);
    }

    /**
     * Moves the job to {@code status} (adding a history entry when the status, queue position or instance changes,
     * with position and instance as columns) and stores queue position and instance id (null instance id keeps the
     * known one). Returns the job as now stored, without history (this runs on every poll answer that changes
     * something; {@link #find} has the history).
     */
    public synchronized Job updateStatus(long id, JobStatus status, Integer queuePosition, String instanceId,
                                         String note, Instant at) {
        return rowWrites.updateStatus(id, status, queuePosition, instanceId, note, at);
    }

    /**
     * Records a new queue position of a QUEUED job: one UPDATE (and, for a known position, a structured history
     * entry), nothing read back. This is what most poll answers change while the queue moves, so it is kept cheap.
     */
    public synchronized void updateQueuePosition(long id, Integer queuePosition, Instant at) {
        rowWrites.updateQueuePosition(id, queuePosition, at);
    }

    /** Stores the server's error (as it came, may be null) with a readable message and moves to {@code status}. */
    public synchronized Job recordError(long id, JobStatus status, JsonNode error, String message, Instant at) {
        return rowWrites.recordError(id, status, error, message, at);
    }

    /** Replaces the job's outputs (planned paths included) in one transaction. */
    public synchronized void saveOutputs(long jobId, List<JobOutput> outputs) {
        outputWrites.saveOutputs(jobId, outputs);
    }

    /** Updates one output (state, size, error). */
    public synchronized void updateOutput(long jobId, JobOutput output) {
        outputWrites.updateOutput(jobId, output);
    }

    // ---- leases: one process follows a job at a time (JobLeaseRows) --------------------------------------------

    /**
     * Takes the job for {@code owner} until {@code now + lease} if nobody holds it, {@code owner} already does, or
     * the holder's lease ran out (a crashed process stops renewing). One UPDATE, so of two processes trying at once
     * exactly one succeeds. False when another live process holds it, or the job is gone.
     */
    public synchronized boolean claim(long id, String owner, Instant now, Duration lease) {
        return leaseRows.claim(id, owner, now, lease);
    }

    /**
     * The heartbeat: extends every lease {@code owner} still holds among {@code ids} to {@code now + lease}, in one
     * transaction. Returns the ids still held; the others were taken over (after this process missed its renewals)
     * or have ended.
     */
    public synchronized Set<Long> renew(String owner, Collection<Long> ids, Instant now, Duration lease) {
        return leaseRows.renew(owner, ids, now, lease);
    }

    /** Gives the job up (if {@code owner} holds it), so another process may follow it at once. */
    public synchronized void release(long id, String owner) {
        leaseRows.release(id, owner);
    }

    /** Who follows the job and until when (empty when nobody does): for messages and tests. */
    public Optional<Lease> lease(long id) {
        return read(c -> JobLeaseRows.lease(c, id));
    }

    /** The process that follows a job ({@code owner}, e.g. {@code run 1234@host/4f2a}) and when its lease ends. */
    public record Lease(String owner, Instant until) {
    }

    /** Removes a job from the local history (not from the server). */
    public synchronized boolean delete(long id) {
        return rowWrites.delete(id);
    }

    // ---- reads (JobListing, JobRows) ----------------------------------------------------------------------------

    /** The job with its full history and outputs. */
    public Optional<Job> find(long id) {
        List<Job> found = read(c -> JobRows.select(c, JobRows.JOB_COLUMNS, "WHERE id = ?", List.of(id), true));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every job that is not terminal (oldest first), with history and outputs. */
    public List<Job> unfinished() {
        String tail = JobListing.unfinishedTail();
        return read(c -> JobRows.select(c, JobRows.JOB_COLUMNS, tail, List.of(), true));
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
        JobListing.Sql tail = JobListing.pageTail(query, offset, limit);
        return read(c -> JobRows.select(c, columns, tail.text(), tail.args(), false));
    }

    /** How many jobs match {@code query}. */
    public int count(JobQuery query) {
        JobListing.Sql count = JobListing.count(query);
        return read(c -> JobListing.count(c, count));
    }

    // ---- sweep groups (schema 3's group_id / group_json) ------------------------------------------------------

    /** The jobs of one sweep group, in submission order. */
    public List<JobGroupMember> groupMembers(String groupId) {
        return read(c -> JobListing.groupMembers(c, groupId));
    }

    /** How long the latest succeeded jobs of a deployment took, creation to end, newest first (for estimates). */
    public List<Duration> recentDurations(String deploymentId, int limit) {
        return read(c -> JobListing.recentDurations(c, deploymentId, limit));
    }

    // ---- the two connections, for the parts and for OutputRatings and JobGroups --------------------------------

    @FunctionalInterface
    interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    /** Turns a driver's failure to do {@code what} into the store's exception, naming the file. */
    @FunctionalInterface
    interface Failure {
        JobStoreException of(String what, SQLException e);
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
