package app.comfydesk.jobs;

/**
 * How the user judged one output: {@code stars} 0 (unrated) to 5, and {@code pick} 1 (picked), -1 (rejected) or 0.
 * Stored in {@code job_outputs.rating} / {@code job_outputs.pick}.
 */
public record OutputMark(int stars, int pick) {

    public static final int MAX_STARS = 5;
    public static final OutputMark NONE = new OutputMark(0, 0);

    public OutputMark {
        if (stars < 0 || stars > MAX_STARS) {
            throw new IllegalArgumentException("A rating is 0 to " + MAX_STARS + " stars, not " + stars);
        }
        if (pick < -1 || pick > 1) {
            throw new IllegalArgumentException("A pick mark is 1 (pick), -1 (reject) or 0 (none), not " + pick);
        }
    }

    public boolean picked() {
        return pick == 1;
    }

    public boolean rejected() {
        return pick == -1;
    }

    public OutputMark withStars(int newStars) {
        return new OutputMark(newStars, pick);
    }

    public OutputMark withPick(int newPick) {
        return new OutputMark(stars, newPick);
    }
}
