package app.comfydesk.ui.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 16 item 8: the status bar says what came back from the last session, in words, or nothing. */
class RestoredNoteTest {

    @Test
    void nothingRestoredSaysNothing() {
        assertThat(new RestoredNote(0, 0, 0).text()).isEmpty();
    }

    @Test
    void countsReadAsWordsInSingularAndPlural() {
        assertThat(new RestoredNote(1, 0, 0).text()).contains("1 edit from your last session restored");
        assertThat(new RestoredNote(2, 0, 0).text()).contains("2 edits from your last session restored");
        assertThat(new RestoredNote(0, 4, 0).text()).contains("batch 4 from your last session restored");
        assertThat(new RestoredNote(0, 0, 1).text()).contains("1 seed mode from your last session restored");
        assertThat(new RestoredNote(3, 4, 2).text())
                .contains("3 edits, 2 seed modes and batch 4 from your last session restored");
    }
}
