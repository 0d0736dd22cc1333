package app.comfydesk.jobs;

/**
 * The one rule for the prompt snippet a job is listed, searched and exported by: the prompt with its white space run
 * together, at most {@link #MAX_CHARS} characters (a longer one ends in "…"). The studio, the command line and the
 * store all cut through here, so a job reads the same whichever way it was submitted.
 */
public final class PromptSnippet {

    /** Enough for the table's widest prompt column and the search; the full prompt stays in the stored request. */
    public static final int MAX_CHARS = 300;

    private PromptSnippet() {
    }

    /** The snippet of {@code prompt}; null for null, empty for a blank prompt. */
    public static String of(String prompt) {
        if (prompt == null) {
            return null;
        }
        String s = prompt.strip().replaceAll("\\s+", " ");
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 1) + "…";
    }
}
