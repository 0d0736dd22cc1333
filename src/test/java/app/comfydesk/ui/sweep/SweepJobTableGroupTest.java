package app.comfydesk.ui.sweep;

import static app.comfydesk.ui.sweep.SweepSandbox.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.ui.jobs.JobItem;
import app.comfydesk.ui.jobs.JobMonitorViewModel;
import java.time.Duration;
import java.util.List;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.control.TableView;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A sweep is one row of the job table: it shows its progress, expands to its jobs and cancels as a whole. */
@ExtendWith(ApplicationExtension.class)
class SweepJobTableGroupTest {

    private SweepSandbox env;

    @Start
    void start(Stage stage) throws Exception {
        // Jobs far longer than any wait below: the first job must not end (and move the progress from "0 / 9")
        // before the table has been read, however loaded the machine is.
        env = new SweepSandbox(stage, Duration.ofSeconds(600));
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void aThreeByThreeSweepIsOneRowThatExpandsAndCancelsAsAWhole(FxRobot robot) {
        SweepFeature sweeps = env.openSweep(robot, 9);
        robot.clickOn("#sweepRunButton");
        try {
            waitUntil("all nine jobs are sent", () -> env.store.count(JobQuery.all()) == 9);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; stored " + env.store.count(JobQuery.all()) + ", the sweep says "
                    + sweeps.messageProperty().get(), e);
        }
        JobMonitorViewModel jobs = env.studio.monitor().model();
        String group = sweeps.sessionProperty().get().plan().groupId();
        try {
            waitUntil("the table shows the sweep as one row", () -> jobs.shownCountProperty().get() == 1
                    && row(jobs, 0) != null && row(jobs, 0).group() != null);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; shown " + jobs.shownCountProperty().get() + ", rows "
                    + jobs.rows().size() + ", first " + row(jobs, 0) + ", stored " + env.store.count(JobQuery.all()), e);
        }
        assertThat(row(jobs, 0).group().groupId()).isEqualTo(group);
        assertThat(row(jobs, 0).group().head()).isTrue();
        assertThat(row(jobs, 0).group().progress()).isEqualTo("0 / 9");
        assertThat(row(jobs, 0).group().label()).startsWith("▸ Sweep · 0 / 9");
        // The toolbar counts jobs, not rows: a folded sweep is nine jobs.
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#jobCount").queryAs(javafx.scene.control.Label.class).getText())
                .isEqualTo("9 jobs in 1 row");

        // Expanding shows the nine jobs (the head first: newest first, the head is the oldest, so last).
        robot.interact(() -> jobs.groups().toggle(group));
        waitUntil("the nine jobs are rows", () -> jobs.shownCountProperty().get() == 9);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#jobCount").queryAs(javafx.scene.control.Label.class).getText()).isEqualTo("9 jobs");
        waitUntil("the rows are read", () -> java.util.stream.IntStream.range(0, 9)
                .allMatch(i -> row(jobs, i) != null));
        assertThat(java.util.stream.IntStream.range(0, 9).mapToObj(i -> row(jobs, i).group()).toList())
                .allSatisfy(g -> assertThat(g.groupId()).isEqualTo(group))
                .filteredOn(g -> g.head()).hasSize(1);
        robot.interact(() -> jobs.groups().toggle(group));
        waitUntil("folded again", () -> jobs.shownCountProperty().get() == 1 && row(jobs, 0) != null);

        // "Cancel sweep" from the row's context menu cancels every unfinished job.
        TableView<?> table = robot.lookup("#jobTable").queryAs(TableView.class);
        robot.interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            Bounds local = table.getLayoutBounds();
            Bounds screen = table.localToScreen(local);
            Event.fireEvent(table, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 40, 40,
                    screen.getMinX() + 40, screen.getMinY() + 40, false, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Cancel sweep (0 / 9)");
        waitUntil("every job of the sweep is cancelled", () -> env.store.groupMembers(group).stream()
                .allMatch(m -> m.status() == JobStatus.CANCELLED));
        waitUntil("the row says so", () -> row(jobs, 0) != null && row(jobs, 0).group() != null
                && row(jobs, 0).group().progress().equals("9 / 9 · 9 cancelled"));
        waitUntil("the grid ends too", () -> sweeps.grid().endedProperty().get() == 9);
    }

    private static app.comfydesk.ui.jobs.JobRow row(JobMonitorViewModel jobs, int index) {
        List<JobItem> rows = jobs.rows();
        return index < rows.size() ? rows.get(index).row() : null;
    }
}
