package app.comfydesk.ui.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.OutputMark;
import app.comfydesk.jobs.RatingFilter;
import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stars and picks in the gallery's model: keys, the store behind them, the filter, Show picks. */
class GalleryMarksTest {

    @TempDir
    Path temp;
    private ThumbnailCache thumbnails;
    private GalleryViewModel model;
    private final Map<OutputRef, OutputMark> stored = new LinkedHashMap<>();
    private boolean failing;
    private final List<OutputItem> items = new ArrayList<>();

    @BeforeEach
    void setUp() {
        thumbnails = new ThumbnailCache(temp.resolve("thumbs"), Runnable::run);
        OutputMarks store = new OutputMarks() {
            @Override
            public void store(OutputRef ref, OutputMark mark) {
                if (failing) {
                    throw new IllegalStateException("disk full");
                }
                stored.put(ref, mark);
            }

            @Override
            public List<OutputItem> find(RatingFilter filter, int limit) {
                return items.stream().filter(item -> filter.accepts(stored.getOrDefault(item.ref(), item.mark())))
                        .map(item -> new OutputItem(item.file(), item.jobId(), item.label(), item.index(),
                                stored.getOrDefault(item.ref(), item.mark())))
                        .toList();
            }
        };
        model = new GalleryViewModel(thumbnails, new OutputActions(new SameThreadBackgroundExecutor(),
                new DesktopIntegration() {
                    @Override
                    public void open(Path file) {
                    }

                    @Override
                    public void showInFolder(Path file) {
                    }
                }), store, new SameThreadBackgroundExecutor(), Runnable::run);
        for (int i = 0; i < 3; i++) {
            items.add(new OutputItem(temp.resolve("o" + i + ".png"), 7, "#7 · o" + i, i, OutputMark.NONE));
        }
        model.show("Job #7", 7L, items);
    }

    @AfterEach
    void tearDown() {
        thumbnails.close();
    }

    @Test
    void keysRateThroughTheModelAndTheStoreAndTheSameKeyClears() {
        OutputItem first = items.get(0);
        assertThat(RatingKeys.handle(KeyCode.DIGIT4, model, first)).isTrue();
        assertThat(RatingKeys.handle(KeyCode.P, model, first)).isTrue();
        assertThat(model.markOf(first)).isEqualTo(new OutputMark(4, 1));
        assertThat(stored).containsEntry(first.ref(), new OutputMark(4, 1));
        RatingKeys.handle(KeyCode.DIGIT4, model, first);
        RatingKeys.handle(KeyCode.X, model, first);
        assertThat(stored).containsEntry(first.ref(), new OutputMark(0, -1));
        RatingKeys.handle(KeyCode.U, model, first);
        assertThat(model.markOf(first)).isEqualTo(OutputMark.NONE);
        assertThat(RatingKeys.handle(KeyCode.DIGIT0, model, first)).as("0 stays 'fit'").isFalse();
        // A re-read that still carries the old mark is the same item, so the selection stays.
        model.selectedProperty().set(items.get(1));
        model.show("Job #7", 7L, List.copyOf(items));
        assertThat(model.selectedProperty().get()).isEqualTo(items.get(1));
    }

    @Test
    void theFilterKeepsWhatTheRuleAcceptsAndShowPicksListsAcrossJobs() {
        model.rate(items.get(0).ref(), 3);
        model.pick(items.get(1).ref(), 1);
        model.pick(items.get(2).ref(), -1);
        model.ratingFilterProperty().set(RatingFilter.atLeast(3));
        assertThat(model.outputs()).containsExactly(items.get(0));
        model.ratingFilterProperty().set(new RatingFilter(0, false, true));
        assertThat(model.outputs()).containsExactly(items.get(0), items.get(1));
        model.ratingFilterProperty().set(RatingFilter.ANY);

        model.showPicks();
        assertThat(model.showingPicksProperty().get()).isTrue();
        assertThat(model.titleProperty().get()).isEqualTo("Picks across all jobs");
        assertThat(model.outputs()).containsExactly(items.get(1));
        // Recent outputs refreshing meanwhile do not take the picks away; leaving them shows what came.
        model.show("Recent outputs", null, List.of(items.get(2)));
        assertThat(model.outputs()).containsExactly(items.get(1));
        model.leavePicks();
        assertThat(model.outputs()).containsExactly(items.get(2));
    }

    @Test
    void aRatingTheStoreRefusesIsTakenBackAndSaidSo() {
        failing = true;
        model.rate(items.get(0).ref(), 5);
        assertThat(model.markOf(items.get(0))).isEqualTo(OutputMark.NONE);
        assertThat(model.messageProperty().get()).startsWith("Could not store the rating").contains("disk full");
    }
}
