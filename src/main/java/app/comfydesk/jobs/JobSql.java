package app.comfydesk.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** The small JDBC helpers every part of {@link JobStore} shares: placeholders, binding, nulls, transactions. */
final class JobSql {

    private JobSql() {
    }

    static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    static void bind(PreparedStatement ps, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    static Instant instant(Object epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(((Number) epochMillis).longValue());
    }

    static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is reported.
        }
    }

    static void autoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // Next statement will report a broken connection.
        }
    }
}
