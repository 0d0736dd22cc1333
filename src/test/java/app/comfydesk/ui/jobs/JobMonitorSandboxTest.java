package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.ui.gallery.CompareMode;
import app.comfydesk.ui.gallery.OutputItem;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.animation.AnimationTimer;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The job monitor and gallery over a real sandbox server, job store and engine, driven like a user would. */
class JobMonitorSandboxTest {

    private final FxRobot robot = new FxRobot();
    private SandboxMonitorFixture fixture;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void open(Duration queueTime, Duration runTime) throws Exception {
        fixture = new SandboxMonitorFixture(SandboxMonitorFixture.freshHome("monitor"), queueTime, runTime);
        fixture.newEngine().start().get(10, TimeUnit.SECONDS);
        fixture.showViews();
    }

    @Test
    void submittedJobsMoveThroughTheStatesInTheTable() throws Exception {
        open(Duration.ofMillis(700), Duration.ofMillis(900));
        Map<Long, Set<JobStatus>> seen = watchTable();
        Job first = fixture.submit("a lighthouse at dusk", 1);
        Job second = fixture.submit("a lighthouse at dawn", 2);
        Job third = fixture.submit("a lighthouse in fog", 3);

        waitFor(30, () -> phaseOf(first.id()) == JobStatus.SUCCEEDED && phaseOf(second.id()) == JobStatus.SUCCEEDED
                && phaseOf(third.id()) == JobStatus.SUCCEEDED);

        // The sampler sees each frame; give it the frame that shows the last change.
        waitFor(5, () -> List.of(first, second, third).stream().allMatch(job -> seen.containsKey(job.id())
                && seen.get(job.id()).contains(JobStatus.SUCCEEDED)));
        assertThat(fx(() -> fixture.model.rows().size())).isEqualTo(3);
        // Newest first.
        assertThat(fx(() -> fixture.model.rows().get(0).id())).isEqualTo(third.id());
        for (Job job : List.of(first, second, third)) {
            assertThat(seen.get(job.id())).as("states shown for job %d", job.id())
                    .contains(JobStatus.RUNNING, JobStatus.SUCCEEDED);
        }
        // With one worker, the later jobs had to wait in the queue and showed it.
        assertThat(seen.get(third.id())).contains(JobStatus.QUEUED);
        assertThat(robot.lookup(".status-chip").queryAllAs(Label.class).stream().map(Label::getText))
                .contains("Succeeded");
        // The row thumbnail comes from the first output on disk.
        JobRow done = rowOf(first.id());
        assertThat(done.firstOutput()).isRegularFile();
        waitFor(10, () -> fixture.model.runningCountProperty().get() == 0
                && fixture.model.queuedCountProperty().get() == 0);

        // Sorting by a column asks the store; Ctrl+C on the table copies the selected request ids.
        robot.clickOn("#columnPROMPT");
        assertThat(fx(() -> fixture.model.queryProperty().get().sort())).isEqualTo(JobQuery.Sort.PROMPT);
        // The store's answer lands later; until then the table still shows the rows in the old order.
        waitFor(5, () -> promptsShown().equals(List.of("a lighthouse at dawn", "a lighthouse at dusk",
                "a lighthouse in fog")));
        select(first.id());
        robot.interact(() -> robot.lookup("#jobTable").query().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        assertThat(fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()))
                .isEqualTo(first.requestId());
    }

    @Test
    void aQueuedJobIsCancelledFromTheTable() throws Exception {
        // Long enough that a loaded machine still sees both states at once.
        open(Duration.ofMillis(300), Duration.ofSeconds(6));
        Job running = fixture.submit("first, keeps the worker busy", 10);
        Job queued = fixture.submit("second, waits in the queue", 11);
        waitFor(15, () -> phaseOf(queued.id()) == JobStatus.QUEUED && phaseOf(running.id()) == JobStatus.RUNNING);

        select(queued.id());
        robot.clickOn("#cancelJobButton");

        waitFor(15, () -> phaseOf(queued.id()) == JobStatus.CANCELLED);
        assertThat(fixture.store.find(queued.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        // The outcome sentence arrives when the cancel call answers, which may be just after the state change.
        waitFor(10, () -> robot.lookup("#monitorMessage").queryAs(Label.class).getText()
                .contains("#" + queued.id()));
        // Deleting the remote assets of a running job (Delete key on the table) is explained, not attempted blindly.
        select(running.id());
        robot.interact(() -> robot.lookup("#jobTable").query().requestFocus());
        robot.type(KeyCode.DELETE);
        assertThat(robot.lookup("#monitorMessage").queryAs(Label.class).getText())
                .contains("cancel").contains("409");
    }

    @Test
    void aFailingJobShowsItsErrorReadably() throws Exception {
        open(Duration.ZERO, Duration.ZERO);
        ObjectNode overrides = new ObjectMapper().createObjectNode();
        overrides.putObject("5").putObject("inputs").put("width", "not a number");
        Job failing = fixture.submit(overrides, "broken size");

        waitFor(20, () -> phaseOf(failing.id()) == JobStatus.FAILED);
        select(failing.id());
        waitFor(5, () -> robot.lookup("#errorMessage").tryQuery().isPresent());

        String message = robot.lookup("#errorMessage").queryAs(Label.class).getText();
        assertThat(message).containsIgnoringCase("width");
        assertThat(robot.lookup("#errorNode").queryAs(Label.class).getText()).contains("Node 5")
                .contains("EmptyLatentImage");
        assertThat(robot.lookup("#rawJsonText").queryAs(javafx.scene.control.TextArea.class).getText())
                .contains("\"status\" : \"failed\"").doesNotContain(fixture.sandbox.token() + "\"");
        assertThat(fixture.model.focusedErrorText()).contains("EmptyLatentImage");
        assertThat(rowOf(failing.id()).errorSummary()).isNotBlank();
    }

    @Test
    void outputsAppearInTheGalleryAndTheViewerZoomsAndCompares() throws Exception {
        open(Duration.ZERO, Duration.ZERO);
        Job a = fixture.submit("red apple", 100);
        Job b = fixture.submit("green apple", 200);
        waitFor(30, () -> phaseOf(a.id()) == JobStatus.SUCCEEDED && phaseOf(b.id()) == JobStatus.SUCCEEDED);

        robot.clickOn("#recentOutputsButton");
        waitFor(10, () -> fixture.gallery.outputs().size() >= 2);
        select(b.id());
        waitFor(10, () -> fixture.gallery.outputs().stream().allMatch(item -> item.jobId() == b.id())
                && fixture.galleryView.viewer().image() != null);
        assertThat(fixture.gallery.titleProperty().get()).contains("#" + b.id());

        // Zoom with the wheel around the pointer.
        double fitted = fixture.galleryView.viewport().scale();
        robot.moveTo("#viewer").scroll(5, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fixture.galleryView.viewport().scale()).isNotEqualTo(fitted);
        robot.clickOn("#actualSizeButton");
        assertThat(fixture.galleryView.viewport().scale()).isEqualTo(1.0);
        robot.clickOn("#fitButton");
        assertThat(fixture.galleryView.viewport().scale()).isEqualTo(fitted);

        // Compare the two jobs' outputs side by side, then with the A/B slider.
        robot.clickOn("#recentOutputsButton");
        waitFor(10, () -> fixture.gallery.outputs().size() >= 2);
        robot.interact(() -> fixture.gallery.selectedProperty().set(fixture.gallery.outputs().get(0)));
        robot.clickOn("#compareButton");
        waitFor(10, () -> fixture.galleryView.compareViewer().image() != null);
        OutputItem left = fixture.gallery.selectedProperty().get();
        OutputItem right = fixture.gallery.compareWithProperty().get();
        assertThat(left.jobId()).isNotEqualTo(right.jobId());
        // Zoom is synchronized: one viewport drives both sides.
        robot.clickOn("#actualSizeButton");
        assertThat(fixture.galleryView.viewer().imageViewer().viewport())
                .isSameAs(fixture.galleryView.compareViewer().imageViewer().viewport());
        robot.clickOn("#abButton");
        assertThat(fixture.gallery.compareModeProperty().get()).isEqualTo(CompareMode.SLIDER);
        assertThat(fixture.galleryView.viewer().imageViewer().compareImageProperty().get()).isNotNull();

        // Arrow keys step through the outputs.
        robot.clickOn("#abButton");
        robot.clickOn("#viewer");
        OutputItem before = fixture.gallery.selectedProperty().get();
        robot.type(KeyCode.RIGHT);
        assertThat(fixture.gallery.selectedProperty().get()).isNotEqualTo(before);
        robot.type(KeyCode.LEFT);
        assertThat(fixture.gallery.selectedProperty().get()).isEqualTo(before);
    }

    @Test
    void jobsRunningWhenTheAppClosedShowTheirStateAndResume() throws Exception {
        open(Duration.ofMillis(200), Duration.ofSeconds(4));
        Job first = fixture.submit("survives a restart", 7);
        Job second = fixture.submit("also survives", 8);
        waitFor(15, () -> phaseOf(first.id()) == JobStatus.RUNNING);

        // The app closes: the engine stops with both jobs unfinished.
        fixture.engine.close();
        JobStatus storedFirst = fixture.store.find(first.id()).orElseThrow().status();
        assertThat(storedFirst.isTerminal()).isFalse();

        // A new app over the same store: the table shows the stored state at once, then the engine resumes.
        fixture.newEngine();
        fixture.showViews();
        waitFor(5, () -> fixture.model.rows().size() == 2 && rowOf(first.id()) != null);
        assertThat(rowOf(first.id()).phase().isTerminal()).isFalse();
        fixture.engine.start().get(10, TimeUnit.SECONDS);
        waitFor(30, () -> phaseOf(first.id()) == JobStatus.SUCCEEDED && phaseOf(second.id()) == JobStatus.SUCCEEDED);
        assertThat(fixture.store.find(first.id()).orElseThrow().outputs()).isNotEmpty();
    }

    @Test
    void anOfflineBannerShowsWhileTheApiCannotBeReached() throws Exception {
        open(Duration.ofSeconds(30), Duration.ZERO);
        Job waiting = fixture.submit("waits while the network is gone", 5);
        waitFor(10, () -> phaseOf(waiting.id()) == JobStatus.QUEUED);
        assertThat(robot.lookup("#offlineBanner").query().isVisible()).isFalse();
        waitFor(10, () -> robot.lookup("#connectionLabel").queryAs(Label.class).getText().startsWith("connected"));

        fixture.sandbox.close();

        waitFor(20, () -> robot.lookup("#offlineBanner").query().isVisible());
        assertThat(robot.lookup("#offlineBanner .label").queryAs(Label.class).getText())
                .startsWith("Offline — cannot reach sandbox");
        assertThat(robot.lookup("#connectionLabel").queryAs(Label.class).getText()).startsWith("offline");
        // The job is not lost or failed: it waits for the connection to come back.
        assertThat(phaseOf(waiting.id())).isEqualTo(JobStatus.QUEUED);
    }

    // ---- helpers ----

    /** Records every phase each row shows, sampled every frame on the FX thread. */
    private Map<Long, Set<JobStatus>> watchTable() {
        Map<Long, Set<JobStatus>> seen = new ConcurrentHashMap<>();
        AnimationTimer sampler = new AnimationTimer() {
            @Override
            public void handle(long now) {
                for (JobItem item : fixture.model.rows()) {
                    JobRow row = item.row();
                    if (row != null) {
                        seen.computeIfAbsent(row.id(), id -> new LinkedHashSet<>()).add(row.phase());
                    }
                }
            }
        };
        robot.interact(sampler::start);
        fixture.closers.add(sampler::stop);
        return seen;
    }

    private JobRow rowOf(long jobId) throws Exception {
        return fx(() -> {
            for (JobItem item : fixture.model.rows()) {
                if (item.id() == jobId) {
                    return item.row();
                }
            }
            return null;
        });
    }

    /** The prompts of the rows in table order, null for a row still loading. Call on the FX thread. */
    private List<String> promptsShown() {
        return fixture.model.rows().stream().map(item -> item.row() == null ? null : item.row().prompt()).toList();
    }

    private JobStatus phaseOf(long jobId) throws Exception {
        JobRow row = rowOf(jobId);
        return row == null ? null : row.phase();
    }

    @SuppressWarnings("unchecked")
    private void select(long jobId) throws Exception {
        TableView<JobItem> table = robot.lookup("#jobTable").queryAs(TableView.class);
        int index = fx(() -> fixture.model.indexOfLoaded(jobId));
        assertThat(index).isGreaterThanOrEqualTo(0);
        robot.interact(() -> {
            table.getSelectionModel().clearAndSelect(index);
            table.scrollTo(index);
        });
        robot.interact(() -> { });
        WaitForAsyncUtils.waitForFxEvents();
        waitFor(5, () -> fixture.model.detailsProperty().get() != null
                && fixture.model.detailsProperty().get().row().id() == jobId);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
    }
}
