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

/** A 3 × 3 sweep over cfg and sampler from the studio, through the real engine against the built-in sandbox. */
@ExtendWith(ApplicationExtension.class)
class SweepSandboxTest {

    private SweepSandbox env;

    @Start
    void start(Stage stage) throws Exception {
        env = new SweepSandbox(stage, Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void aGridFillsOpensACellComparesTwoAndShowsTheFailedOne(FxRobot robot) throws Exception {
        // The first submission the sandbox sees is refused: exactly one cell fails, whichever it is.
        env.sandbox.faults().next(1, "POST", "/inference$", new Fault.Status(400, null, "INVALID_REQUEST",
                "refused by the test"));
        SweepFeature sweeps = env.openSweep(robot, 3);
        TextField x = robot.lookup("#sweepValues-X").queryAs(TextField.class);
        robot.interact(() -> x.setText("4..8:0"));
        assertThat(robot.lookup("#sweepProblem-X").queryAs(Label.class).getText()).contains("step")
                .contains("is 0");
        robot.interact(() -> x.setText("4..8:2"));
        StudioFixture.snapshotIfAsked(robot, env.studio.sweepWindow().root(), "sweep-editor.png");
        robot.clickOn("#sweepRunButton");
        SweepGridModel grid = sweeps.grid();
        waitUntil("every cell ended", () -> grid.endedProperty().get() == 9);
        WaitForAsyncUtils.waitForFxEvents();

        List<CellUpdate> cells = List.copyOf(grid.cells());
        assertThat(cells).filteredOn(c -> c.phase() == CellPhase.FAILED).hasSize(1);
        assertThat(cells).filteredOn(c -> c.phase() == CellPhase.SUCCEEDED && c.output() != null).hasSize(8);
        assertThat(robot.lookup("#sweepProgress").queryAs(Label.class).getText()).isEqualTo("9 / 9 · 1 failed");
        CellUpdate failed = cells.stream().filter(c -> c.phase() == CellPhase.FAILED).findFirst().orElseThrow();
        StackPane failedTile = robot.lookup("#sweepCell-" + failed.index()).queryAs(StackPane.class);
        assertThat(failedTile.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("failed"));
        assertThat(robot.from(failedTile).lookup(".sweep-cell-state").queryAs(javafx.scene.text.Text.class).getText())
                .startsWith("failed").contains("refused by the test");

        // Each cell sent its axis values; all nine are one group in the job env.store.
        assertThat(env.store.count(JobQuery.all())).isEqualTo(9);
        String group = sweeps.sessionProperty().get().plan().groupId();
        List<JobGroupMember> members = env.store.groupMembers(group);
        assertThat(members).hasSize(9);
        assertThat(members).allSatisfy(m -> assertThat(m.groupJson()).contains("\"group\":\"" + group + "\""));
        // Overrides send what differs from the deployment's graph: a cell with cfg 4 and another sampler.
        SweepPlan plan = sweeps.sessionProperty().get().plan();
        CellUpdate done = cells.stream().filter(c -> c.output() != null && !plan.cells().get(c.index()).cell()
                .values().get(1).label().equals("euler")).findFirst().orElseThrow();
        String request = env.store.find(done.jobId()).orElseThrow().requestJson();
        SweepPlan.Cell planned = sweeps.sessionProperty().get().plan().cells().get(done.index());
        assertThat(request).contains("\"cfg\":" + planned.cell().values().get(0).label());
        assertThat(request).contains("\"sampler_name\":\"" + planned.cell().values().get(1).label() + "\"");

        // A click opens the cell in the viewer.
        robot.clickOn("#sweepCell-" + done.index());
        assertThat(env.studio.monitor().gallery().selectedProperty().get().file()).isEqualTo(done.output());

        // Ctrl+click picks two; Compare shows them side by side.
        List<CellUpdate> two = cells.stream().filter(c -> c.output() != null).limit(2).toList();
        robot.press(KeyCode.CONTROL);
        robot.clickOn("#sweepCell-" + two.get(0).index()).clickOn("#sweepCell-" + two.get(1).index());
        robot.release(KeyCode.CONTROL);
        assertThat(grid.picked()).containsExactlyInAnyOrder(two.get(0).index(), two.get(1).index());
        assertThat(robot.lookup("#sweepCompareButton").queryAs(Button.class).isDisabled()).isFalse();
        robot.clickOn("#sweepCompareButton");
        var gallery = env.studio.monitor().gallery();
        assertThat(gallery.compareModeProperty().get()).isNotEqualTo(CompareMode.OFF);
        assertThat(gallery.selectedProperty().get().file()).isEqualTo(two.get(0).output());
        assertThat(gallery.compareWithProperty().get().file()).isEqualTo(two.get(1).output());

        // The export is one PNG with the definition and every cell's workflow in text chunks.
        Path sheet = env.fixture.folder.resolve("sheet.png");
        robot.interact(() -> sweeps.export(sheet, written -> { }));
        waitUntil("the sheet is written", () -> Files.exists(sheet));
        Map<String, String> chunks = PngText.textChunks(Files.readAllBytes(sheet), 64L * 1024 * 1024);
        assertThat(chunks.get(ContactSheet.DEFINITION_KEYWORD)).contains("\"input\":\"cfg\"")
                .contains("\"values\":\"4..8:2\"").contains("euler_ancestral");
        assertThat(chunks.keySet().stream().filter(k -> k.startsWith(ContactSheet.CELL_KEYWORD_PREFIX))).hasSize(9);
        assertThat(chunks.values()).anyMatch(v -> v.contains("\"status\":\"failed\""));
        StudioFixture.snapshotIfAsked(robot, env.studio.sweepWindow().root(), "sweep-grid.png");
    }

}
