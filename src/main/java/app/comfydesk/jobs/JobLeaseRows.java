package app.comfydesk.jobs;

import static app.comfydesk.jobs.JobSql.inTransaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The lease columns of job rows ({@code lease_owner}, {@code lease_until}): one process follows a job at a time.
 * Claims, renewals and releases run on {@link JobStore}'s write connection with the store's monitor held (see
 * {@link JobRowWrites}); {@link #lease(Connection, long)} runs on the read connection, in the store's read
 * transaction. {@link JobLeases} is the engine's side of it.
 */
final class JobLeaseRows {

    private final Connection connection;
    private final JobStore.Failure failure;

    JobLeaseRows(Connection connection, JobStore.Failure failure) {
        this.connection = connection;
        this.failure = failure;
    }

    boolean claim(long id, String owner, Instant now, Duration lease) {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE jobs SET lease_owner = ?, lease_until = ? "
                + "WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until <= ?)")) {
            ps.setString(1, owner);
            ps.setLong(2, now.plus(lease).toEpochMilli());
            ps.setLong(3, id);
            ps.setString(4, owner);
            ps.setLong(5, now.toEpochMilli());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure.of("take over the job", e);
        }
    }

    Set<Long> renew(String owner, Collection<Long> ids, Instant now, Duration lease) {
        Set<Long> held = new HashSet<>();
        if (ids.isEmpty()) {
            return held;
        }
        return inTransaction(connection, failure, "renew the leases of followed jobs", () -> {
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
            return held;
        });
    }

    void release(long id, String owner) {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")) {
            ps.setLong(1, id);
            ps.setString(2, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure.of("release the job", e);
        }
    }

    /** Who holds job {@code id}'s lease, read on {@code reads} (the store's read connection, inside its read). */
    static Optional<JobStore.Lease> lease(Connection reads, long id) throws SQLException {
        try (PreparedStatement ps = reads.prepareStatement(
                "SELECT lease_owner, lease_until FROM jobs WHERE id = ? AND lease_owner IS NOT NULL")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new JobStore.Lease(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
                        : Optional.<JobStore.Lease>empty();
            }
        }
    }
}
