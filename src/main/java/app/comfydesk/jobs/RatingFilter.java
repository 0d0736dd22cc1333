package app.comfydesk.jobs;

import java.util.Collection;
import java.util.List;

/**
 * Which outputs a rating filter keeps — the one rule for the gallery, the job table (a job passes when any of its
 * outputs does) and "Show picks", written once in Java ({@link #accepts}) and once in SQL ({@link #sql}), side by
 * side so they cannot drift apart.
 *
 * @param minStars  outputs with at least this many stars (0: any rating)
 * @param picksOnly only outputs marked as picks
 * @param hideRejected leave out outputs marked as rejects
 */
public record RatingFilter(int minStars, boolean picksOnly, boolean hideRejected) {

    public static final RatingFilter ANY = new RatingFilter(0, false, false);
    public static final RatingFilter PICKS = new RatingFilter(0, true, false);

    public RatingFilter {
        if (minStars < 0 || minStars > OutputMark.MAX_STARS) {
            throw new IllegalArgumentException("A star filter is 0 to " + OutputMark.MAX_STARS + ", not " + minStars);
        }
    }

    /** At least {@code stars} stars (rejects left out). */
    public static RatingFilter atLeast(int stars) {
        return new RatingFilter(stars, false, true);
    }

    /** Whether this filter lets everything through. */
    public boolean isAny() {
        return minStars == 0 && !picksOnly && !hideRejected;
    }

    public boolean accepts(OutputMark mark) {
        OutputMark m = mark == null ? OutputMark.NONE : mark;
        return m.stars() >= minStars && (!picksOnly || m.picked()) && (!hideRejected || !m.rejected());
    }

    /** For a job: whether any of its outputs' marks passes (a job without outputs passes only {@link #ANY}). */
    public boolean acceptsAny(Collection<OutputMark> marks) {
        return isAny() || marks.stream().anyMatch(this::accepts);
    }

    /**
     * The same rule as {@link #accepts} over the columns of {@code job_outputs} under {@code alias}, with its
     * arguments appended to {@code args}; null for {@link #isAny()}.
     */
    public String sql(String alias, List<Object> args) {
        if (isAny()) {
            return null;
        }
        StringBuilder sql = new StringBuilder(alias).append(".rating >= ?");
        args.add(minStars);
        if (picksOnly) {
            sql.append(" AND ").append(alias).append(".pick = 1");
        }
        if (hideRejected) {
            sql.append(" AND ").append(alias).append(".pick <> -1");
        }
        return sql.toString();
    }

    /** In words, for menus and headings: "Any rating", "★★★ and up", "Picks". */
    public String label() {
        if (isAny()) {
            return "Any rating";
        }
        if (picksOnly && minStars == 0) {
            return "Picks";
        }
        String stars = "★".repeat(minStars) + (minStars < OutputMark.MAX_STARS ? " and up" : "");
        return picksOnly ? "Picks, " + stars : minStars == 0 ? "Not rejected" : stars;
    }
}
