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
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The job table's columns with the details pane open, at the monitor's size in a default 1440×900 window. */
@ExtendWith(ApplicationExtension.class)
class JobMonitorColumnsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    /** The monitor's share of a 1440 px wide main window (the studio form takes the rest). */
    private static final double MONITOR_WIDTH = 920;

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
        // Enough rows for a vertical scroll bar, which takes its share of the width too.
        for (int i = 1; i <= 40; i++) {
            backend.add(FakeJobBackend.row(i, JobStatus.SUCCEEDED, "beautiful scenery nature glass bottle " + i,
                    T0.plusSeconds(i)));
        }
        ThumbnailCache thumbnails = new ThumbnailCache(temp.resolve("thumbs"), Runnable::run);
        GalleryViewModel gallery = FakeJobBackend.gallery(thumbnails);
        model = new JobMonitorViewModel(backend, new SameThreadBackgroundExecutor(), gallery, Runnable::run,
                Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        model.start();
        monitor = new JobMonitorView(model, thumbnails);
        // The test stage is shared and an earlier test may have left it larger: the monitor's width is pinned.
        monitor.setMaxWidth(MONITOR_WIDTH);
        javafx.scene.layout.StackPane root = new javafx.scene.layout.StackPane(monitor);
        javafx.scene.layout.StackPane.setAlignment(monitor, javafx.geometry.Pos.TOP_LEFT);
        stage.setScene(new Scene(root, MONITOR_WIDTH, 500));
        stage.sizeToScene();
        stage.show();
    }

    @Test
    void withAJobSelectedEveryColumnStaysInView(FxRobot robot) {
        robot.interact(() -> model.selection().setAll(model.rows().get(0)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#jobDetails").tryQuery()).isPresent();
        JobTable table = monitor.table();
        Bounds visible = table.localToScene(table.getLayoutBounds());
        assertThat(visible.getWidth()).as("table beside the details").isLessThan(MONITOR_WIDTH * 0.7);
        for (TableColumn<JobItem, ?> column : table.getColumns()) {
            assertThat(column.getWidth()).as(column.getText() + " width").isGreaterThanOrEqualTo(column.getMinWidth());
        }
        double columnsWidth = table.getColumns().stream().filter(TableColumn::isVisible)
                .mapToDouble(TableColumn::getWidth).sum();
        Node scrollBar = table.lookupAll(".scroll-bar").stream()
                .filter(bar -> bar instanceof javafx.scene.control.ScrollBar scroll
                        && scroll.getOrientation() == javafx.geometry.Orientation.HORIZONTAL)
                .findFirst().orElseThrow();
        assertThat(scrollBar.isVisible()).as("horizontal scroll bar").isFalse();
        assertThat(columnsWidth).as("columns (%s) within the table (%s)", columnsWidth, visible.getWidth())
                .isLessThanOrEqualTo(visible.getWidth());
    }
}
