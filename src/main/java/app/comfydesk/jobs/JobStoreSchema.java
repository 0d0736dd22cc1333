package app.comfydesk.jobs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The job database's file and schema: connections (busy timeout, WAL) and the migrations to
 * {@link JobStore#SCHEMA_VERSION}, one list of statements per version, applied in one exclusive transaction.
 */
final class JobStoreSchema {

    private JobStoreSchema() {
    }

    private static final List<String[]> MIGRATIONS = List.<String[]>of(
            new String[] {
                """
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    request_id TEXT,
                    base_url TEXT NOT NULL,
                    api_version TEXT NOT NULL,
                    deployment_id TEXT NOT NULL,
                    profile_id TEXT,
                    mode TEXT NOT NULL,
                    request_json TEXT NOT NULL,
                    edits_json TEXT,
                    workflow_source TEXT,
                    prompt_snippet TEXT,
                    status TEXT NOT NULL,
                    status_rank INTEGER NOT NULL,
                    queue_position INTEGER,
                    instance_id TEXT,
                    error_json TEXT,
                    error_message TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    finished_at INTEGER,
                    output_dir TEXT,
                    search_text TEXT NOT NULL
                )""",
                "CREATE INDEX jobs_created ON jobs(created_at)",
                "CREATE INDEX jobs_updated ON jobs(updated_at)",
                "CREATE INDEX jobs_status_created ON jobs(status, created_at)",
                "CREATE INDEX jobs_request_id ON jobs(request_id)",
                "CREATE INDEX jobs_deployment ON jobs(deployment_id)",
                """
                CREATE TABLE job_history (
                    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                    at INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    note TEXT
                )""",
                "CREATE INDEX job_history_job ON job_history(job_id)",
                """
                CREATE TABLE job_outputs (
                    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    node_id TEXT,
                    kind TEXT,
                    url TEXT NOT NULL,
                    filename TEXT,
                    subfolder TEXT,
                    local_path TEXT,
                    bytes INTEGER NOT NULL DEFAULT 0,
                    state TEXT NOT NULL,
                    error TEXT,
                    PRIMARY KEY (job_id, idx)
                )"""
            },
            // 2: the lease of the one process that follows a job (polls it, saves its outputs); see claim().
            new String[] {
                "ALTER TABLE jobs ADD COLUMN lease_owner TEXT",
                "ALTER TABLE jobs ADD COLUMN lease_until INTEGER"
            },
            // 3: one migration for this round's features, so branches built in parallel agree on the schema:
            // sweeps (a job's group and its cell), the seed a job used (text: seeds reach 2^64-1), the deployment's
            // workflow version a job was made against, queue positions and instance ids as structured history
            // (not text in notes), and a rating and pick/reject mark per output.
            new String[] {
                "ALTER TABLE jobs ADD COLUMN group_id TEXT",
                "ALTER TABLE jobs ADD COLUMN group_json TEXT",
                "ALTER TABLE jobs ADD COLUMN seed TEXT",
                "ALTER TABLE jobs ADD COLUMN workflow_version TEXT",
                "CREATE INDEX jobs_group ON jobs(group_id)",
                "ALTER TABLE job_history ADD COLUMN queue_position INTEGER",
                "ALTER TABLE job_history ADD COLUMN instance_id TEXT",
                "ALTER TABLE job_outputs ADD COLUMN rating INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE job_outputs ADD COLUMN pick INTEGER NOT NULL DEFAULT 0"
            });

    static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + JobStore.BUSY_TIMEOUT_MILLIS);
            // Switching a new file to WAL takes a lock another opening process may hold for a moment.
            long giveUpAt = System.nanoTime() + JobStore.BUSY_TIMEOUT_MILLIS * 1_000_000L;
            while (true) {
                try {
                    s.execute("PRAGMA journal_mode = WAL");
                    break;
                } catch (SQLException e) {
                    if (!isBusy(e) || System.nanoTime() > giveUpAt) {
                        throw e;
                    }
                    sleepBriefly();
                }
            }
            s.execute("PRAGMA synchronous = NORMAL");
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    private static boolean isBusy(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_BUSY") || m.contains("database is locked");
    }

    private static void sleepBriefly() throws SQLException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the database lock", e);
        }
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Already failing; the first error is reported.
            }
        }
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Brings the schema to {@link JobStore#SCHEMA_VERSION} in one exclusive transaction, reading the version inside it:
     * of several processes opening a new file at once, one migrates and the others find it done (before, two could
     * both read 0 and the second failed with "table jobs already exists").
     */
    static void migrate(Connection c, Path file) throws SQLException {
        int seen = userVersion(c);
        if (seen == JobStore.SCHEMA_VERSION) {
            return;
        }
        if (seen > JobStore.SCHEMA_VERSION) {
            throw newer(file, seen);
        }
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            try {
                int version = userVersion(c);
                if (version > JobStore.SCHEMA_VERSION) {
                    throw newer(file, version);
                }
                for (int v = version; v < JobStore.SCHEMA_VERSION; v++) {
                    for (String sql : MIGRATIONS.get(v)) {
                        s.execute(sql);
                    }
                }
                s.execute("PRAGMA user_version = " + JobStore.SCHEMA_VERSION);
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // Not in a transaction any more; the original failure is reported.
                }
                throw e;
            }
        }
    }

    private static JobStoreException newer(Path file, int version) {
        return new JobStoreException("The job database " + file + " was written by a newer ComfyDesk (schema "
                + version + "); update ComfyDesk or move the file away", null);
    }
}
