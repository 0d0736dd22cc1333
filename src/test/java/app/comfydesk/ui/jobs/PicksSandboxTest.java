package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobOutput;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.OutputMark;
import app.comfydesk.jobs.RatingFilter;
import app.comfydesk.ui.gallery.OutputItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Picks against the sandbox, as a user does them: rate with the keys in the viewer, filter the gallery and the job
 * table by stars and picks, show the picks of all jobs and export them.
 */
class PicksSandboxTest {

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

    @Test
    void keysInTheViewerRateAndPickAndTheFiltersFollow() throws Exception {
        fixture = new SandboxMonitorFixture(SandboxMonitorFixture.freshHome("picks"), Duration.ofMillis(50),
                Duration.ofMillis(50));
        fixture.newEngine().start().get(10, TimeUnit.SECONDS);
        fixture.showViews();
        Job fox = fixture.submit("a red fox", 11);
        Job owl = fixture.submit("a snowy owl", 12);
        Job cat = fixture.submit("a black cat", 13);
        waitFor(30, () -> phaseOf(fox.id()) == JobStatus.SUCCEEDED && phaseOf(owl.id()) == JobStatus.SUCCEEDED
                && phaseOf(cat.id()) == JobStatus.SUCCEEDED);

        // Job "fox": three stars and a pick, typed in the viewer.
        select(fox.id());
        waitFor(10, () -> fixture.gallery.jobIdProperty().get() != null
                && fixture.gallery.jobIdProperty().get() == fox.id() && fixture.gallery.selectedProperty().get() != null);
        robot.clickOn("#viewer").type(KeyCode.DIGIT3).type(KeyCode.P);
        OutputItem foxOutput = fx(() -> fixture.gallery.selectedProperty().get());
        assertThat(fx(() -> fixture.gallery.markOf(foxOutput))).isEqualTo(new OutputMark(3, 1));
        assertThat(robot.lookup("#markLabel").queryAs(Label.class).getText()).isEqualTo("★★★ ✓ pick");
        // Job "owl": rejected; job "cat": one star, then five (the same key twice would clear it).
        select(owl.id());
        waitFor(10, () -> fixture.gallery.jobIdProperty().get() == owl.id()
                && fixture.gallery.selectedProperty().get() != null);
        robot.clickOn("#viewer").type(KeyCode.X);
        select(cat.id());
        waitFor(10, () -> fixture.gallery.jobIdProperty().get() == cat.id()
                && fixture.gallery.selectedProperty().get() != null);
        robot.clickOn("#viewer").type(KeyCode.DIGIT1).type(KeyCode.DIGIT5);

        // Stored with the jobs.
        waitFor(10, () -> mark(fox.id()).equals(new OutputMark(3, 1)) && mark(owl.id()).equals(new OutputMark(0, -1))
                && mark(cat.id()).equals(new OutputMark(5, 0)));

        // The job table: three stars and up keeps fox and cat, picks keeps fox; all again shows the three.
        chooseIn("#jobRatingFilter", RatingFilter.atLeast(3));
        waitFor(10, () -> jobIdsShown().equals(List.of(cat.id(), fox.id())));
        chooseIn("#jobRatingFilter", RatingFilter.PICKS);
        waitFor(10, () -> jobIdsShown().equals(List.of(fox.id())));
        chooseIn("#jobRatingFilter", RatingFilter.ANY);
        waitFor(10, () -> jobIdsShown().size() == 3);

        // The gallery: recent outputs of all three, filtered to "not rejected" leaves out the owl.
        robot.clickOn("#recentOutputsButton");
        waitFor(10, () -> fixture.gallery.jobIdProperty().get() == null && jobsInGallery().size() == 3);
        chooseIn("#ratingFilter", new RatingFilter(0, false, true));
        waitFor(10, () -> jobsInGallery().equals(List.of(cat.id(), fox.id())));
        chooseIn("#ratingFilter", RatingFilter.ANY);

        // "Show picks" across all jobs lists the fox's output only, and leaving it brings the recent ones back.
        robot.clickOn("#showPicks");
        waitFor(10, () -> fixture.gallery.showingPicksProperty().get() && jobsInGallery().equals(List.of(fox.id())));
        robot.clickOn("#showPicks");
        waitFor(10, () -> !fixture.gallery.showingPicksProperty().get() && jobsInGallery().size() == 3);

        // Export the picks: copied once, and a second export does not overwrite the first copy.
        Path folder = fixture.home.resolve("chosen picks");
        robot.interact(() -> fixture.gallery.exportPicks(folder));
        waitFor(20, () -> fixture.gallery.exportProgressProperty().get() < 0
                && fixture.gallery.messageProperty().get().startsWith("Exported 1 output"));
        robot.interact(() -> fixture.gallery.exportPicks(folder));
        waitFor(20, () -> fixture.gallery.exportProgressProperty().get() < 0 && countFiles(folder) == 2);
        try (var files = Files.list(folder)) {
            List<String> names = files.map(path -> path.getFileName().toString())
                    .sorted(java.util.Comparator.comparingInt(String::length)).toList();
            String first = "job" + fox.id() + "-" + foxOutput.fileName();
            assertThat(names.get(0)).isEqualTo(first);
            assertThat(names.get(1)).isEqualTo(first.replace(".png", " (2).png"));
            assertThat(Files.mismatch(folder.resolve(names.get(0)), foxOutput.file())).isEqualTo(-1);
        }
    }

    private long countFiles(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var files = Files.list(folder)) {
            return files.count();
        }
    }

    private OutputMark mark(long jobId) {
        return fixture.store.find(jobId).orElseThrow().outputs().stream().map(JobOutput::mark).findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private void chooseIn(String id, RatingFilter filter) {
        ComboBox<RatingFilter> box = robot.lookup(id).queryAs(ComboBox.class);
        robot.clickOn(box);
        // The item in the open drop-down (another box's button may show the same words).
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(
                org.testfx.matcher.control.LabeledMatchers.hasText(filter.label())).queryLabeled());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(box.getValue()).isEqualTo(filter);
    }

    private List<Long> jobIdsShown() throws Exception {
        return fx(() -> fixture.model.rows().stream().map(JobItem::id).toList());
    }

    private List<Long> jobsInGallery() throws Exception {
        return fx(() -> fixture.gallery.outputs().stream().map(OutputItem::jobId).distinct().toList());
    }

    private JobStatus phaseOf(long jobId) throws Exception {
        return fx(() -> fixture.model.rows().stream().filter(item -> item.id() == jobId).findFirst()
                .map(item -> item.row().phase()).orElse(null));
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
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
    }
}
