package app.comfydesk.jobs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's judgement of outputs, in the job store: stars (0–5) and pick / reject per output
 * ({@code job_outputs.rating}, {@code job_outputs.pick}), the outputs a {@link RatingFilter} keeps across all jobs
 * ("Show picks"), and the seed a job sent ({@code jobs.seed}). Kept apart from {@link JobStore}'s job lifecycle SQL;
 * writes go through the store's one write connection, reads through its read connection.
 */
public final class OutputRatings {

    /** Most outputs one "Show picks" lists. */
    public static final int MAX_LISTED = 5_000;

    private final JobStore store;

    public OutputRatings(JobStore store) {
        this.store = store;
    }

    /** One saved output a filter kept, newest job first. */
    public record RatedOutput(long jobId, int index, Path localPath, String filename, OutputMark mark) {
    }

    /** Sets the stars of output {@code index} of job {@code jobId}; false when there is no such output. */
    public boolean rate(long jobId, int index, int stars) {
        OutputMark.NONE.withStars(stars); // validates
        return update("rate the output", "rating", jobId, index, stars);
    }

    /** Marks output {@code index} of job {@code jobId} as picked (1), rejected (-1) or neither (0). */
    public boolean pick(long jobId, int index, int pick) {
        OutputMark.NONE.withPick(pick); // validates
        return update("mark the output", "pick", jobId, index, pick);
    }

    private boolean update(String what, String column, long jobId, int index, int value) {
        return store.write(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE job_outputs SET " + column + " = ? "
                    + "WHERE job_id = ? AND idx = ?")) {
                ps.setInt(1, value);
                ps.setLong(2, jobId);
                ps.setInt(3, index);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The saved outputs {@code filter} keeps, across all jobs, newest job first (at most {@code limit}). */
    public List<RatedOutput> find(RatingFilter filter, int limit) {
        List<Object> args = new ArrayList<>();
        String rule = filter.sql("o", args);
        args.add(Math.max(0, Math.min(limit, MAX_LISTED)));
        String sql = "SELECT o.job_id, o.idx, o.local_path, o.filename, o.rating, o.pick FROM job_outputs o "
                + "WHERE o.state = '" + OutputState.SAVED.name() + "' AND o.local_path IS NOT NULL"
                + (rule == null ? "" : " AND " + rule) + " ORDER BY o.job_id DESC, o.idx LIMIT ?";
        return store.read(c -> {
            List<RatedOutput> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new RatedOutput(rs.getLong(1), rs.getInt(2), Path.of(rs.getString(3)),
                                rs.getString(4), mark(rs.getInt(5), rs.getInt(6))));
                    }
                }
            }
            return found;
        });
    }

    /** Stores the seed a new job sends (inside the store's create). */
    static void recordSeed(Connection connection, long jobId, String seed) throws SQLException {
        if (seed == null) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("UPDATE jobs SET seed = ? WHERE id = ?")) {
            ps.setString(1, seed);
            ps.setLong(2, jobId);
            ps.executeUpdate();
        }
    }

    /** A stored mark, with values another program may have written out of range brought back into it. */
    static OutputMark mark(int rating, int pick) {
        return new OutputMark(Math.max(0, Math.min(OutputMark.MAX_STARS, rating)), Integer.signum(pick));
    }
}
