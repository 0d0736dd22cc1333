package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import app.comfydesk.ui.gallery.GalleryViewModel;
import app.comfydesk.ui.gallery.OutputItem;
import app.comfydesk.ui.gallery.ThumbnailCache;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's state logic, on one thread: paging, live updates through the bridge, filters, actions. */
class JobMonitorViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path temp;
    private final FakeJobBackend backend = new FakeJobBackend();
    private final List<Runnable> fxQueue = new ArrayList<>();
    private final AtomicInteger hops = new AtomicInteger();
    private ThumbnailCache thumbnails;
    private JobMonitorViewModel model;
    private GalleryViewModel gallery;

    @BeforeEach
    void setUp() {
        for (int i = 1; i <= 1000; i++) {
            backend.add(FakeJobBackend.row(i, i % 10 == 0 ? JobStatus.FAILED : JobStatus.SUCCEEDED, "prompt " + i,
                    T0.plusSeconds(i)));
        }
        thumbnails = new ThumbnailCache(temp.resolve("thumbs"), Runnable::run);
        gallery = FakeJobBackend.gallery(thumbnails);
        // The bridge's drains are queued here and run by drainFx(), like Platform.runLater would.
        model = new JobMonitorViewModel(backend, new SameThreadBackgroundExecutor(), gallery, runnable -> {
            hops.incrementAndGet();
            fxQueue.add(runnable);
        }, Clock.fixed(T0.plusSeconds(5000), ZoneOffset.UTC));
        model.start();
    }

    @AfterEach
    void tearDown() {
        thumbnails.close();
    }

    private void drainFx() {
        while (!fxQueue.isEmpty()) {
            fxQueue.remove(0).run();
        }
    }

    @Test
    void showsEveryJobNewestFirstButReadsOnlyThePagesLookedAt() {
        assertThat(model.rows()).hasSize(1000);
        assertThat(model.shownCountProperty().get()).isEqualTo(1000);
        assertThat(model.rows().get(0).row().id()).isEqualTo(1000);
        assertThat(backend.pagesRead).containsOnly(0);

        JobItem deep = model.rows().get(750);
        assertThat(deep.row().id()).isEqualTo(250);
        assertThat(backend.pagesRead).containsOnly(0, 7);
    }

    @Test
    void aThousandEventsCostOneFxHopAndUpdateRowsInPlace() {
        JobItem top = model.rows().get(0);
        List<ListChangeListener.Change<? extends JobItem>> changes = new ArrayList<>();
        model.rows().addListener((ListChangeListener<JobItem>) changes::add);
        hops.set(0);
        for (int n = 0; n < 1000; n++) {
            backend.publish(FakeJobBackend.row(1000, JobStatus.SUCCEEDED, "prompt 1000 v" + n, T0.plusSeconds(1000))
                    .withUpdated(T0.plusSeconds(2000 + n)));
        }
        assertThat(hops.get()).isEqualTo(1);
        drainFx();
        assertThat(model.rows().get(0)).isSameAs(top);
        assertThat(top.row().prompt()).isEqualTo("prompt 1000 v999");
        assertThat(changes).isEmpty();
    }

    @Test
    void newJobsAreInsertedAtTheTopAndFinishesAreReported() {
        List<List<JobRow>> finished = new ArrayList<>();
        model.onJobsFinishedProperty().set(finished::add);
        List<Integer> added = new ArrayList<>();
        model.rows().addListener((ListChangeListener<JobItem>) change -> {
            while (change.next()) {
                if (change.wasAdded() && !change.wasRemoved()) {
                    added.add(change.getAddedSize());
                }
            }
        });
        backend.publish(FakeJobBackend.row(1001, JobStatus.QUEUED, "new one", T0.plusSeconds(3000)));
        drainFx();
        assertThat(model.rows()).hasSize(1001);
        assertThat(added).containsExactly(1);
        assertThat(model.rows().get(0).row().phase()).isEqualTo(JobStatus.QUEUED);

        backend.publish(FakeJobBackend.row(1001, JobStatus.RUNNING, "new one", T0.plusSeconds(3000))
                .withUpdated(T0.plusSeconds(3010)));
        drainFx();
        assertThat(finished).isEmpty();
        backend.publish(FakeJobBackend.row(1001, JobStatus.SUCCEEDED, "new one", T0.plusSeconds(3000))
                .withUpdated(T0.plusSeconds(3020)));
        drainFx();
        assertThat(finished).hasSize(1);
        assertThat(finished.get(0).get(0).id()).isEqualTo(1001);
        assertThat(model.rows().get(0).row().phase()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void filtersByStatusAndTextAndSortsThroughTheStore() {
        model.statusFilterProperty().set(StatusFilter.FAILED);
        assertThat(model.rows()).hasSize(100);
        assertThat(model.rows().get(0).row().phase()).isEqualTo(JobStatus.FAILED);

        model.searchTextProperty().set("prompt 99");
        model.applySearch();
        // "prompt 99" and "prompt 990" … that failed: 990 only (every tenth job fails).
        assertThat(model.rows()).extracting(item -> item.row().id()).containsExactly(990L);

        model.statusFilterProperty().set(StatusFilter.ALL);
        model.sortBy(JobQuery.Sort.CREATED, false);
        assertThat(model.rows().get(0).row().id()).isEqualTo(99);
    }

    @Test
    void actionsApplyToTheSelectionAndExplainWhatTheyCannotDo() {
        backend.publish(FakeJobBackend.row(2000, JobStatus.RUNNING, "busy", T0.plusSeconds(4000)));
        drainFx();
        JobItem running = model.rows().get(0);
        model.selection().setAll(running);
        assertThat(model.canCancelSelection()).isTrue();

        model.deleteRemoteSelected();
        assertThat(model.messageProperty().get()).contains("cancel").contains("409");
        assertThat(backend.calls).isEmpty();

        model.cancelSelected();
        drainFx();
        assertThat(backend.calls).containsExactly("cancel 2000");
        assertThat(model.messageProperty().get()).contains("cancelled");

        model.selection().setAll(model.rows().get(1), model.rows().get(2), running);
        model.deleteRemoteSelected();
        drainFx();
        assertThat(backend.calls).contains("delete 1000", "delete 999").doesNotContain("delete 2000");
        assertThat(model.messageProperty().get()).contains("done for 2 jobs").contains("1 unfinished job was skipped");

        assertThat(model.selectedRequestIds()).isEqualTo("req-1000\nreq-999\nreq-2000");
    }

    @Test
    void cancelFollowsTheSelectedJobsStateNotOnlyTheSelection() {
        List<JobStatus> phases = List.of(JobStatus.SUBMITTING, JobStatus.QUEUED, JobStatus.SUCCEEDED);
        List<Boolean> cancellable = new ArrayList<>();
        for (int step = 0; step < phases.size(); step++) {
            backend.publish(FakeJobBackend.row(2000, phases.get(step), "new", T0.plusSeconds(4000))
                    .withUpdated(T0.plusSeconds(4000 + step)));
            drainFx();
            if (step == 0) {
                model.selection().setAll(model.rows().get(0)); // selected once; then only its state changes
            }
            cancellable.add(model.selectionCancellableProperty().get());
        }
        assertThat(cancellable).containsExactly(false, true, false);
    }

    @Test
    void theViewerFollowsTheSelectedJobsNewOutputsUntilTheUserPicksOne() {
        JobRow running = FakeJobBackend.row(2001, JobStatus.RUNNING, "a", T0.plusSeconds(2001));
        backend.publish(running);
        drainFx();
        model.selection().setAll(model.rows().get(0));
        assertThat(gallery.outputs()).isEmpty();
        List<OutputItem> saved = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            saved.add(new OutputItem(temp.resolve("out-" + i + ".png"), 2001, "#2001 · out-" + i + ".png"));
        }

        // Each OutputSaved reaches the monitor as a change of the job, which reloads its details.
        saveOutput(running, saved.subList(0, 1));
        assertThat(gallery.selectedProperty().get()).isEqualTo(saved.get(0));
        saveOutput(running, saved.subList(0, 2));
        assertThat(gallery.outputs()).containsExactlyElementsOf(saved.subList(0, 2));
        assertThat(gallery.selectedProperty().get()).as("follows the newest").isEqualTo(saved.get(1));

        gallery.selectedProperty().set(saved.get(0));
        saveOutput(running, saved);
        assertThat(gallery.outputs()).containsExactlyElementsOf(saved);
        assertThat(gallery.selectedProperty().get()).as("the user's pick stays").isEqualTo(saved.get(0));
    }

    private void saveOutput(JobRow job, List<OutputItem> outputsSoFar) {
        backend.outputs.put(job.id(), List.copyOf(outputsSoFar));
        backend.publish(job);
        drainFx();
    }

    @Test
    void theFocusedFailureHasItsErrorAndEditsReady() {
        JobItem failed = model.rows().get(0); // job 1000 failed (every tenth)
        model.selection().setAll(failed);
        assertThat(model.detailsProperty().get().error().message()).isEqualTo("boom");
        assertThat(model.focusedErrorText()).contains("boom").contains("node 3");

        List<JobDetails> loaded = new ArrayList<>();
        model.onLoadEditsProperty().set(loaded::add);
        model.loadEditsIntoForm();
        assertThat(loaded).hasSize(1);
        assertThat(loaded.get(0).editsJson()).isEqualTo("{\"3\": {}}");
    }

    @Test
    void statusBarCountsFollowTheSameSnapshotsAsTheRowsEvenWhenTheStoreLags() {
        backend.publish(FakeJobBackend.row(2001, JobStatus.RUNNING, "a", T0.plusSeconds(2001)));
        backend.publish(FakeJobBackend.row(2002, JobStatus.QUEUED, "b", T0.plusSeconds(2002)));
        drainFx();
        assertThat(model.runningCountProperty().get()).isEqualTo(1);
        assertThat(model.queuedCountProperty().get()).isEqualTo(1);

        // The engine tells about the finish before a count query could see it in the store.
        JobRow done = FakeJobBackend.row(2001, JobStatus.SUCCEEDED, "a", T0.plusSeconds(2001));
        backend.listeners.forEach(listener -> listener.jobChanged(done));
        drainFx();
        assertThat(model.runningCountProperty().get()).isZero();
        assertThat(model.queuedCountProperty().get()).isEqualTo(1);
    }

    @Test
    void runningChipShowsTheDurationColumnsFigure() {
        JobRow running = FakeJobBackend.row(3000, JobStatus.RUNNING, "a", T0);
        Instant now = T0.plusSeconds(6);
        assertThat(Formats.chipText(running, now)).isEqualTo("Running " + Formats.duration(running.duration(now)))
                .isEqualTo("Running 0:06");
    }

    @Test
    void outputFolderAndLoadEditsAreDecidedFromTheFocusedRow() {
        JobRow done = new JobRow(4000, "req-4000", JobStatus.SUCCEEDED, null, T0.plusSeconds(4000), null, null, null,
                "a", "d",
                temp.resolve("out/4000/a.png"), 1, null);
        backend.publish(done);
        drainFx();
        model.onLoadEditsProperty().set(job -> { });
        JobItem item = model.rows().get(0);
        assertThat(item.id()).isEqualTo(4000);
        // The stored details name no folder (the fake's, like a job whose details are still loading); the row's
        // saved output is enough to open its folder.
        model.selection().setAll(item);
        assertThat(model.whyNot(JobAction.OPEN_FOLDER)).isNull();
        assertThat(model.whyNot(JobAction.LOAD_EDITS)).isNull();

        model.selection().clear();
        assertThat(model.whyNot(JobAction.OPEN_FOLDER)).isEqualTo("Select a job first");
        assertThat(model.whyNot(JobAction.LOAD_EDITS)).isEqualTo("Select a job first");
    }

    @Test
    void everyActionSaysWhyItCannotRunAndTheReasonsFollowTheJobsState() {
        for (JobAction action : JobAction.values()) {
            assertThat(model.whyNotProperty(action).get()).as(action.name()).isEqualTo("Select a job first");
        }
        model.openOutputFolder();
        assertThat(model.messageProperty().get()).isEqualTo("Select a job first.");

        // Still being sent: no request id, nothing on disk, no form to load into yet.
        backend.publish(new JobRow(2000, null, JobStatus.SUBMITTING, null, T0.plusSeconds(4000), null, null, null,
                "new", "d", null, 0, null));
        drainFx();
        model.selection().setAll(model.rows().get(0));
        assertThat(model.whyNotProperty(JobAction.CANCEL).get())
                .isEqualTo("Still being sent: a job can be cancelled once it is queued");
        assertThat(model.whyNotProperty(JobAction.DELETE_REMOTE).get())
                .isEqualTo("Remote assets can be deleted once the job has finished: cancel it first");
        assertThat(model.whyNotProperty(JobAction.RERUN).get()).isNull();
        assertThat(model.whyNotProperty(JobAction.COPY_REQUEST_ID).get()).isEqualTo("This job has no request id yet");
        assertThat(model.whyNotProperty(JobAction.OPEN_FOLDER).get()).isEqualTo("This job has no outputs saved yet");
        assertThat(model.whyNotProperty(JobAction.LOAD_EDITS).get()).isEqualTo("There is no form to load edits into");
        assertThat(model.whyNotProperty(JobAction.COPY_ERROR).get()).isEqualTo("This job has no error");
        model.onLoadEditsProperty().set(job -> { });
        assertThat(model.whyNotProperty(JobAction.LOAD_EDITS).get()).isNull();

        // The selected job fails: only the event tells, the selection stays the same.
        backend.publish(new JobRow(2000, "req-2000", JobStatus.FAILED, null, T0.plusSeconds(4000), null,
                T0.plusSeconds(4010), T0.plusSeconds(4010), "new", "d", null, 0, "boom (node 3 KSampler)"));
        drainFx();
        assertThat(model.whyNotProperty(JobAction.CANCEL).get())
                .isEqualTo("Only queued or running jobs can be cancelled");
        assertThat(model.whyNotProperty(JobAction.DELETE_REMOTE).get()).isNull();
        assertThat(model.whyNotProperty(JobAction.COPY_REQUEST_ID).get()).isNull();
        assertThat(model.whyNotProperty(JobAction.COPY_ERROR).get()).isNull();
        model.cancelSelected();
        assertThat(model.messageProperty().get()).isEqualTo("Only queued or running jobs can be cancelled.");

        // Several jobs, none of them running: the reason speaks of all of them.
        model.selection().setAll(model.rows().get(1), model.rows().get(2));
        assertThat(model.whyNotProperty(JobAction.CANCEL).get())
                .isEqualTo("Only queued or running jobs can be cancelled");
        assertThat(model.whyNotProperty(JobAction.OPEN_FOLDER).get()).isEqualTo("This job has no outputs saved yet");

        model.selection().clear();
        assertThat(model.whyNotProperty(JobAction.CANCEL).get()).isEqualTo("Select a job first");
    }
}
