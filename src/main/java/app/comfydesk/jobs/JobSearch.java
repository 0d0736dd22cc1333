package app.comfydesk.jobs;

import java.util.Locale;

/**
 * The one search rule for jobs: a search text matches a job when it occurs, ignoring case, in the job's request id,
 * deployment, prompt snippet ({@link PromptSnippet}) or workflow name. The store keeps {@link #haystack} in
 * {@code jobs.search_text} and filters with {@link #likePattern}; live rows the store was not asked about are
 * filtered with {@link #matches}, so a job never shows or hides differently before and after a page reload.
 */
public final class JobSearch {

    private JobSearch() {
    }

    /** The lower-cased text a job is found by. */
    public static String haystack(String requestId, String deployment, String prompt, String workflowSource) {
        return String.join("\n", requestId == null ? "" : requestId, deployment == null ? "" : deployment,
                prompt == null ? "" : PromptSnippet.of(prompt), workflowSource == null ? "" : workflowSource)
                .toLowerCase(Locale.ROOT);
    }

    /** The search text as it is matched: trimmed and lower-cased; null when blank (no text filter). */
    public static String needle(String text) {
        return text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    /** A SQL {@code LIKE ... ESCAPE '\'} pattern finding {@code text} anywhere in a {@link #haystack}. */
    public static String likePattern(String text) {
        String needle = needle(text);
        return "%" + (needle == null ? "" : needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
                + "%";
    }

    /** Whether a job with these fields matches {@code text} (a blank text matches every job). */
    public static boolean matches(String text, String requestId, String deployment, String prompt,
                                  String workflowSource) {
        String needle = needle(text);
        return needle == null || haystack(requestId, deployment, prompt, workflowSource).contains(needle);
    }
}
