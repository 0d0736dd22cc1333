package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.ui.settings.ProfileClients;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Seen in the app on a 1600×1000 screen, in the window as it first opens (the job monitor and the gallery are built in
 * a window already at its size; nothing resizes it afterwards): the job table, holding too few jobs for a scroll bar,
 * ran its last column past its right edge ("Re" of "Request id"), because its columns were fitted before their
 * headers' minimum widths were measured. It was right after the first resize, which the other layout tests do. (The
 * viewer toolbar's "⋯" left behind "»" in the same window is caught by ViewerToolbarTruncationTest's width sweep.)
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowFirstLayoutTest {

    private StudioFixture fixture;
    private JobStore store;
    private JobEngine engine;

    @Start
    void start(Stage stage) throws Exception {
        fixture = new StudioFixture(stage);
        // At the screen's corner: a window past the headless screen's edge overflows its frame buffer.
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1440);
        stage.setHeight(900);
        store = JobStore.open(fixture.folder.resolve("jobs.db"));
        TestJobs.ended(store, 3, 0);
        fixture.studio.studio().loadSample();
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        store.close();
    }

    @Test
    void theColumnsFitTheTableAndTheViewerToolbarFromTheirFirstLayout(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            engine = new JobEngine(store, ProfileClients.factory(fixture.settings),
                    EngineSettings.defaults(fixture.folder.resolve("outputs")));
            fixture.studio.attachEngine(engine, fixture.folder.resolve("thumbnails"));
        });
        TableView<?> table = robot.lookup("#jobTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> past = new ArrayList<>();
        robot.interact(() -> {
            double tableRight = table.localToScene(table.getLayoutBounds()).getMaxX();
            for (Node header : robot.from(table).lookup(".column-header").queryAll()) {
                double right = header.localToScene(header.getLayoutBounds()).getMaxX();
                if (header.isVisible() && right > tableRight + 0.5) {
                    past.add(header.getId() + " ends at " + right + ", the table at " + tableRight);
                }
            }
        });
        assertThat(past).as("columns past the table's right edge").isEmpty();

        app.comfydesk.ui.gallery.GalleryView gallery = robot.lookup("#gallery")
                .queryAs(app.comfydesk.ui.gallery.GalleryView.class);
        java.nio.file.Path pictures = java.nio.file.Files.createDirectories(fixture.folder.resolve("pictures"));
        List<app.comfydesk.ui.gallery.OutputItem> outputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            java.nio.file.Path file = pictures.resolve("ComfyUI_0000" + i + "_.png");
            TestPngs.write(file, 64, 48, null);
            outputs.add(new app.comfydesk.ui.gallery.OutputItem(file, 1, "#" + i + " · ComfyUI_0000" + i + "_.png"));
        }
        robot.interact(() -> gallery.model().show("Recent outputs", null, outputs));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> { });
        WaitForAsyncUtils.waitForFxEvents();
        StudioFixture.snapshotIfAsked(robot, fixture.studio.window().root(), "first-layout-1440.png");
        List<Node> overflow = new ArrayList<>();
        robot.interact(() -> robot.lookup(".gallery-toolbar .tool-bar-overflow-button").queryAll().stream()
                .filter(Node::isVisible).forEach(overflow::add));
        assertThat(overflow).as("the viewer toolbar's '»' overflow").isEmpty();
    }
}
