package app.comfydesk.ui.sweep;

import static app.comfydesk.ui.sweep.SweepSandbox.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.JobOutput;
import app.comfydesk.jobs.OutputMark;
import app.comfydesk.jobs.RatingFilter;
import java.time.Duration;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The rating keys work on the grid's selected cell, cells show their marks, and the grid filters by rating. */
@ExtendWith(ApplicationExtension.class)
class SweepGridRatingTest {

    private static final PseudoClass FILTERED = PseudoClass.getPseudoClass("filtered");

    private SweepSandbox env;

    @Start
    void start(Stage stage) throws Exception {
        env = new SweepSandbox(stage, Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void keysRateTheSelectedCellAndTheFilterDimsTheOthers(FxRobot robot) {
        SweepFeature sweeps = env.openSweep(robot, 9);
        robot.clickOn("#sweepRunButton");
        SweepGridModel grid = sweeps.grid();
        waitUntil("every cell has its picture", () -> grid.cells().stream().filter(c -> c.output() != null)
                .count() == 9);
        WaitForAsyncUtils.waitForFxEvents();
        List<CellUpdate> cells = List.copyOf(grid.cells());

        robot.clickOn("#sweepCell-2");
        assertThat(grid.selectedProperty().get()).isEqualTo(2);
        robot.type(KeyCode.DIGIT4).type(KeyCode.P);
        assertThat(grid.markOf(2)).isEqualTo(new OutputMark(4, 1));
        assertThat(badge(robot, 2)).isEqualTo("★★★★ ✓ pick");
        robot.clickOn("#sweepCell-5");
        robot.type(KeyCode.X);
        assertThat(badge(robot, 5)).isEqualTo("✕ reject");
        // The same key again clears it; U clears a pick.
        robot.type(KeyCode.X);
        assertThat(grid.markOf(5)).isEqualTo(OutputMark.NONE);
        assertThat(robot.lookup("#sweepCell-5").lookup(".sweep-cell-mark").queryAs(Label.class).isVisible())
                .isFalse();
        robot.type(KeyCode.DIGIT2);
        // Stored with the job, as a rating in the viewer is.
        waitUntil("the marks are stored", () -> stored(cells.get(2)).equals(new OutputMark(4, 1))
                && stored(cells.get(5)).equals(new OutputMark(2, 0)));

        // Picks only: the picked cell is shown, the others are dimmed; at least 2 stars: two cells.
        ComboBox<?> filter = robot.lookup("#sweepRatingFilter").queryAs(ComboBox.class);
        robot.interact(() -> grid.ratingFilterProperty().set(RatingFilter.PICKS));
        for (int i = 0; i < 9; i++) {
            assertThat(tile(robot, i).getPseudoClassStates().contains(FILTERED)).as("cell %d filtered", i)
                    .isEqualTo(i != 2);
        }
        robot.interact(() -> grid.ratingFilterProperty().set(RatingFilter.atLeast(2)));
        assertThat(java.util.stream.IntStream.range(0, 9).filter(grid::passes).boxed().toList())
                .containsExactly(2, 5);
        assertThat(filter.getValue()).isEqualTo(RatingFilter.atLeast(2));
        robot.interact(() -> grid.ratingFilterProperty().set(RatingFilter.ANY));
        for (int i = 0; i < 9; i++) {
            assertThat(tile(robot, i).getPseudoClassStates()).doesNotContain(FILTERED);
        }
    }

    private OutputMark stored(CellUpdate cell) {
        return env.store.find(cell.jobId()).orElseThrow().outputs().stream().filter(o -> o.index()
                == cell.outputIndex()).map(JobOutput::mark).findFirst().orElseThrow();
    }

    private static StackPane tile(FxRobot robot, int index) {
        return robot.lookup("#sweepCell-" + index).queryAs(StackPane.class);
    }

    private static String badge(FxRobot robot, int index) {
        Label mark = robot.from(tile(robot, index)).lookup(".sweep-cell-mark").queryAs(Label.class);
        return mark.isVisible() ? mark.getText() : "";
    }
}
