package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.JobStatus;
import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import app.comfydesk.ui.gallery.GalleryViewModel;
import app.comfydesk.ui.gallery.ThumbnailCache;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class JobDetailsViewTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    static Path temp;
    private JobMonitorViewModel model;
    private JobMonitorView monitor;

    @Start
    void start(Stage stage) {
        // The theme the app always runs with: monitor.css uses its looked-up colours (Modena has none).
        javafx.application.Application.setUserAgentStylesheet(
                app.comfydesk.ui.common.Theme.LIGHT.userAgentStylesheet());
        FakeJobBackend backend = new FakeJobBackend();
        backend.add(FakeJobBackend.row(1, JobStatus.QUEUED, "a cat", T0));
        backend.add(FakeJobBackend.row(2, JobStatus.SUCCEEDED, "a dog", T0.minusSeconds(100)));
        backend.texts.put(2L, java.util.Map.of("12", "a dog on a sunny lawn, photo"));
        GalleryViewModel gallery = FakeJobBackend.gallery(new ThumbnailCache(temp.resolve("thumbs"), Runnable::run));
        model = new JobMonitorViewModel(backend, new SameThreadBackgroundExecutor(), gallery, Runnable::run,
                Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        model.start();
        JobDetailsView details = new JobDetailsView(model, text -> { });
        monitor = new JobMonitorView(model, new ThumbnailCache(temp.resolve("thumbs2"), Runnable::run));
        Scene scene = new Scene(new javafx.scene.layout.HBox(details, monitor), 900, 700);
        details.setPrefWidth(300);
        details.setMaxWidth(300);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aNarrowPaneCutsNeitherTheTimelineNorTheRequestId(FxRobot robot) {
        robot.interact(() -> model.selection().setAll(model.rows().stream().filter(item -> item.id() == 1)
                .findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        for (Label phase : robot.lookup(".timeline-phase").queryAllAs(Label.class)) {
            Text shown = (Text) phase.lookup(".text");
            assertThat(shown.getText()).isEqualTo(phase.getText()).isEqualTo("Queued · #4 in queue");
        }
        TextField requestId = robot.lookup("#requestIdValue").queryAs(TextField.class);
        assertThat(requestId.getText()).isEqualTo("req-1");
        assertThat(requestId.isEditable()).isFalse();
    }

    @Test
    void aQueuedJobWithoutAnInstanceSaysItWaitsForAGpuWithItsPlaceAndTimeWaited(FxRobot robot) {
        robot.interact(() -> model.selection().setAll(model.rows().stream().filter(item -> item.id() == 1)
                .findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#instanceValue").queryAs(Label.class).getText())
                .isEqualTo("none yet · Waiting for a GPU · #4 in queue · 1:00");
    }

    @Test
    void textOutputsAreShownInTheDetailsUnderTheirNode(FxRobot robot) {
        robot.interact(() -> model.selection().setAll(model.rows().stream().filter(item -> item.id() == 2)
                .findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node box = robot.lookup("#textOutputs").query();
        assertThat(robot.from(box).lookup(".text-area").queryAs(javafx.scene.control.TextArea.class).getText())
                .isEqualTo("a dog on a sunny lawn, photo");
        assertThat(robot.from(box).lookup(".label").queryAs(Label.class).getText()).isEqualTo("Node 12");
    }

    @Test
    void theRowMenuShowsTheKeysWithoutClaimingThemForTheWholeWindow() {
        assertThat(monitor.table().getContextMenu()).isNull();
        assertThat(monitor.rowMenu().getItems()).filteredOn(item -> item.getAccelerator() != null)
                .extracting(item -> item.getAccelerator().getName())
                .containsExactly("Shortcut+K", "Delete", "Shift+Shortcut+R", "Shortcut+L", "Shift+Shortcut+E",
                        "Shift+Shortcut+O", "Shortcut+C", "Shift+Shortcut+C");
        assertThat(monitor.getScene().getAccelerators()).isEmpty();
    }
}
