package app.comfydesk.ui.sweep;

import static app.comfydesk.ui.sweep.SweepSandbox.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.JobGroupMember;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.sandbox.Fault;
import app.comfydesk.sheet.ContactSheet;
import app.comfydesk.ui.StudioFixture;
import app.comfydesk.ui.gallery.CompareMode;
import app.comfydesk.workflow.PngText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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

/** A sweep whose jobs run long is cancelled as a whole from the sweep window. */
@ExtendWith(ApplicationExtension.class)
class SweepCancelTest {

    private SweepSandbox env;

    @Start
    void start(Stage stage) throws Exception {
        env = new SweepSandbox(stage, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void theGroupCancelsAsAWhole(FxRobot robot) throws Exception {
        SweepFeature sweeps = env.openSweep(robot, 2);
        robot.clickOn("#sweepRunButton");
        SweepGridModel grid = sweeps.grid();
        waitUntil("two cells are on the server", () -> {
            return grid.cells().stream().filter(c -> c.phase() == CellPhase.QUEUED
                    || c.phase() == CellPhase.RUNNING).count() == 2;
        });
        robot.clickOn("#sweepCancelButton");
        waitUntil("every cell ended", () -> grid.endedProperty().get() == 9);
        assertThat(grid.cells()).allSatisfy(c -> assertThat(c.phase()).isEqualTo(CellPhase.CANCELLED));
        // Only the two in flight were ever sent; the seven others never left.
        assertThat(env.store.count(JobQuery.all())).isEqualTo(2);
        assertThat(env.store.groupMembers(sweeps.sessionProperty().get().plan().groupId())).hasSize(2)
                .allSatisfy(m -> assertThat(m.status()).isEqualTo(JobStatus.CANCELLED));
        assertThat(robot.lookup("#sweepProgress").queryAs(Label.class).getText()).isEqualTo("9 / 9");
    }
}
