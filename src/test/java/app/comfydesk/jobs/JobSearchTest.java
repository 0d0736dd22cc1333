package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one snippet rule and the one search rule, as the store and the live rows use them. */
class JobSearchTest {

    @Test
    void snippetRunsWhiteSpaceTogetherAndCutsAtTheLimit() {
        assertThat(PromptSnippet.of(null)).isNull();
        assertThat(PromptSnippet.of("  a red\n\tfox  ")).isEqualTo("a red fox");
        String exact = "x".repeat(PromptSnippet.MAX_CHARS);
        assertThat(PromptSnippet.of(exact)).isEqualTo(exact);
        String cut = PromptSnippet.of("y".repeat(PromptSnippet.MAX_CHARS + 1));
        assertThat(cut).hasSize(PromptSnippet.MAX_CHARS).endsWith("…");
    }

    @Test
    void searchFindsRequestIdDeploymentPromptAndWorkflowIgnoringCase() {
        assertThat(JobSearch.matches("REQ-1", "req-123", "dep", "a fox", "flow.json")).isTrue();
        assertThat(JobSearch.matches("dep", "req-123", "my-dep", "a fox", null)).isTrue();
        assertThat(JobSearch.matches("Fox", null, "dep", "a  red\nfox", null)).isTrue();
        assertThat(JobSearch.matches("red fox", null, "dep", "a  red\nfox", null)).isTrue();
        assertThat(JobSearch.matches("flow", null, "dep", null, "Flow.json")).isTrue();
        assertThat(JobSearch.matches("cat", "req", "dep", "a fox", "flow.json")).isFalse();
        assertThat(JobSearch.matches("  ", "req", "dep", "a fox", "flow.json")).isTrue();
    }

    @Test
    void likePatternEscapesWildcards() {
        assertThat(JobSearch.likePattern(" 100%_A\\ ")).isEqualTo("%100\\%\\_a\\\\%");
    }
}
