package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.JobStatus;
import app.comfydesk.ui.common.ExplainedButton;
import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import app.comfydesk.ui.gallery.GalleryViewModel;
import app.comfydesk.ui.gallery.ThumbnailCache;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The monitor's toolbar buttons say why they are disabled, on hover, and the reason follows the selected jobs. */
@ExtendWith(ApplicationExtension.class)
class JobMonitorToolbarTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    /** The toolbar's actions that depend on the selection, by button id, with what each does. */
    private static final Map<String, String> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("#cancelJobButton", "Cancel selected (Ctrl+K)");
        ACTIONS.put("#deleteRemoteButton", "Delete remote assets of selected finished jobs (Delete)");
        ACTIONS.put("#rerunButton", "Re-run with the same edits (Ctrl+Shift+R)");
        ACTIONS.put("#loadEditsButton", "Load edits into the form (Ctrl+L)");
        ACTIONS.put("#openFolderButton", "Open output folder (Ctrl+Shift+O)");
        ACTIONS.put("#copyRequestIdButton", "Copy the request id of the selected jobs (Ctrl+C)");
    }

    @TempDir
    static Path temp;
    private FakeJobBackend backend;
    private JobMonitorViewModel model;
    private JobMonitorView monitor;

    @Start
    void start(Stage stage) {
        // The theme the app always runs with: monitor.css uses its looked-up colours (Modena has none).
        javafx.application.Application.setUserAgentStylesheet(
                app.comfydesk.ui.common.Theme.LIGHT.userAgentStylesheet());
        backend = new FakeJobBackend();
        backend.add(FakeJobBackend.row(1, JobStatus.SUCCEEDED, "a lighthouse at dusk", T0));
        backend.add(FakeJobBackend.row(2, JobStatus.QUEUED, "a harbour in the rain", T0.plusSeconds(1)));
        ThumbnailCache thumbnails = new ThumbnailCache(temp.resolve("thumbs"), Runnable::run);
        GalleryViewModel gallery = FakeJobBackend.gallery(thumbnails);
        model = new JobMonitorViewModel(backend, new SameThreadBackgroundExecutor(), gallery, Runnable::run,
                Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        model.start();
        monitor = new JobMonitorView(model, thumbnails);
        stage.setScene(new Scene(monitor, 1100, 400));
        stage.show();
    }

    private static ExplainedButton explained(FxRobot robot, String id) {
        return (ExplainedButton) robot.lookup(id).queryAs(ButtonBase.class).getParent();
    }

    @Test
    void withNothingSelectedEveryJobActionIsOffAndSaysSo(FxRobot robot) {
        ACTIONS.forEach((id, action) -> {
            ExplainedButton button = explained(robot, id);
            assertThat(button.button().isDisabled()).as(id).isTrue();
            assertThat(button.tooltip().getText()).as(id).isEqualTo(action + " — Select a job first");
        });
    }

    @Test
    void theReasonsFollowTheSelectedJobsState(FxRobot robot) {
        robot.interact(() -> monitor.table().getSelectionModel().clearAndSelect(1)); // job 1, succeeded
        ExplainedButton cancel = explained(robot, "#cancelJobButton");
        ExplainedButton delete = explained(robot, "#deleteRemoteButton");
        assertThat(cancel.tooltip().getText())
                .isEqualTo("Cancel selected (Ctrl+K) — Only queued or running jobs can be cancelled");
        assertThat(delete.button().isDisabled()).isFalse();
        assertThat(delete.tooltip().getText()).isEqualTo("Delete remote assets of selected finished jobs (Delete)");
        assertThat(explained(robot, "#openFolderButton").tooltip().getText())
                .isEqualTo("Open output folder (Ctrl+Shift+O) — This job has no outputs saved yet");

        robot.interact(() -> monitor.table().getSelectionModel().clearAndSelect(0)); // job 2, queued
        assertThat(cancel.button().isDisabled()).isFalse();
        assertThat(cancel.tooltip().getText()).isEqualTo("Cancel selected (Ctrl+K)");
        assertThat(delete.tooltip().getText()).endsWith(" — Remote assets can be deleted once the job has finished: "
                + "cancel it first");

        // The queued job finishes while selected: its buttons change with it.
        robot.interact(() -> backend.publish(FakeJobBackend.row(2, JobStatus.CANCELLED, "a harbour in the rain",
                T0.plusSeconds(1)).withUpdated(T0.plusSeconds(30))));
        assertThat(cancel.button().isDisabled()).isTrue();
        assertThat(delete.button().isDisabled()).isFalse();
    }

    @Test
    void theContextMenuSaysWhyInTheSameWords(FxRobot robot) {
        robot.interact(() -> {
            monitor.table().getSelectionModel().clearAndSelect(1);
            monitor.rowMenu().getOnShowing().handle(null);
        });
        // The first item shown (a sweep's own items above it are hidden for a job in no sweep).
        MenuItem cancel = monitor.rowMenu().getItems().stream().filter(MenuItem::isVisible).findFirst().orElseThrow();
        assertThat(cancel.isDisable()).isTrue();
        assertThat(cancel.getText()).isEqualTo("Cancel — Only queued or running jobs can be cancelled");
        assertThat(monitor.rowMenu().getItems()).filteredOn(item -> "Copy request id".equals(item.getText()))
                .hasSize(1).allMatch(item -> !item.isDisable());
    }

    @Test
    void hoveringADisabledButtonShowsWhy(FxRobot robot) throws Exception {
        ExplainedButton cancel = explained(robot, "#cancelJobButton");
        robot.interact(() -> cancel.tooltip().setShowDelay(javafx.util.Duration.millis(50)));
        // From outside in: a tooltip shows for a pointer that entered its node, and an earlier test may have left the
        // pointer on this spot (or pressed it there, which keeps a tooltip away until the pointer leaves).
        robot.moveTo(cancel.getScene().getRoot(), javafx.geometry.Pos.TOP_LEFT, new javafx.geometry.Point2D(5, 5),
                org.testfx.robot.Motion.DIRECT);
        robot.moveTo("#cancelJobButton").moveBy(2, 1);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> cancel.tooltip().isShowing());
        assertThat(cancel.tooltip().getText()).isEqualTo("Cancel selected (Ctrl+K) — Select a job first");
    }
}
