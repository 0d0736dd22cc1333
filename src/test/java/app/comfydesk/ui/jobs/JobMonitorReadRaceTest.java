package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.ui.common.ScriptedBackgroundExecutor;
import app.comfydesk.ui.common.ScriptedBackgroundExecutor.Landing;
import app.comfydesk.ui.gallery.GalleryViewModel;
import app.comfydesk.ui.gallery.ThumbnailCache;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The table never keeps a job's old state, in the orders the threads can produce: a store read (a page, or the
 * count and pages after a change) runs on a worker and lands later on the FX thread, while engine events reach the
 * FX thread through the bridge. Each test puts an event, or a store write, between a read and its landing.
 */
class JobMonitorReadRaceTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path temp;
    private final FakeJobBackend backend = new FakeJobBackend();
    private final ScriptedBackgroundExecutor background = new ScriptedBackgroundExecutor();
    private final List<Runnable> fxQueue = new ArrayList<>();
    private ThumbnailCache thumbnails;
    private GalleryViewModel gallery;
    private JobMonitorViewModel model;

    @AfterEach
    void tearDown() {
        if (thumbnails != null) {
            thumbnails.close();
        }
    }

    /** Jobs 1..count, newest first in the table; {@code job} says what each one is. */
    private void open(int count, LongFunction<JobRow> job) {
        for (long id = 1; id <= count; id++) {
            backend.add(job.apply(id));
        }
        thumbnails = new ThumbnailCache(temp.resolve("thumbs"), Runnable::run);
        gallery = FakeJobBackend.gallery(thumbnails);
        model = new JobMonitorViewModel(backend, background, gallery, fxQueue::add,
                Clock.fixed(T0.plusSeconds(5000), ZoneOffset.UTC));
        model.start();
        settle();
    }

    private void open(int count) {
        open(count, id -> job(id, JobStatus.SUCCEEDED));
    }

    private static JobRow job(long id, JobStatus phase) {
        return FakeJobBackend.row(id, phase, "prompt " + id, T0.plusSeconds(id));
    }

    /** The same job in another state, stored {@code seconds} after it was created. */
    private static JobRow later(JobRow row, JobStatus phase, long seconds) {
        return job(row.id(), phase).withUpdated(row.createdAt().plusSeconds(seconds));
    }

    private void drainFx() {
        while (!fxQueue.isEmpty()) {
            fxQueue.remove(0).run();
        }
    }

    /** Lets every event and every read finish, in a harmless order. */
    private void settle() {
        while (!fxQueue.isEmpty() || background.waiting() > 0) {
            drainFx();
            background.runAll();
        }
    }

    private JobRow shown(long id) {
        int index = model.indexOfLoaded(id);
        return index < 0 ? null : model.rows().get(index).row();
    }

    private List<Long> ids() {
        return model.rows().stream().map(JobItem::id).toList();
    }

    @Test
    void aFinishArrivingWhileTheNewJobsRowIsReadIsNotUndoneWhenTheReadLands() {
        open(5);
        JobRow queued = job(6, JobStatus.QUEUED);
        backend.publish(queued);
        drainFx();
        Landing read = background.read(); // the list is read again for the new job: it is still queued
        backend.publish(later(queued, JobStatus.SUCCEEDED, 10));
        drainFx(); // the finish is stored and told before that read lands; the row is not loaded yet
        read.land();
        settle();

        assertThat(ids()).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(shown(6).phase()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aSweepRowKeepsItsGroupWhenAGrouplessEventIsToldWhileARefreshIsOut() {
        // The engine's events know no sweep group; only a page read does. A member's event told while a refresh is
        // out is newer than what that refresh read, and used to replace the read row whole: the folded sweep row
        // lost its group (and "0 / 9") until some later read, which under load could be never.
        JobGroupRow group = new JobGroupRow("g1", "sweep", "0 / 9", false, 9, true);
        open(1, id -> job(id, JobStatus.QUEUED).withGroup(group));
        backend.publish(job(2, JobStatus.QUEUED).withGroup(group)); // a new job: the list is read again
        drainFx();
        Landing read = background.read(); // it sees job 1 queued, in its group
        JobRow running = later(job(1, JobStatus.QUEUED), JobStatus.RUNNING, 10);
        backend.add(running.withGroup(group));
        tell(List.of(running)); // told as the engine tells it: without the group
        drainFx();
        read.land();
        settle();

        assertThat(shown(1).phase()).isEqualTo(JobStatus.RUNNING);
        assertThat(shown(1).group()).isEqualTo(group);
    }

    @Test
    void aFinishArrivingWhileItsPageLoadsIsNotUndoneWhenThePageLands() {
        open(1000, id -> job(id, id == 250 ? JobStatus.RUNNING : JobStatus.SUCCEEDED));
        JobItem slot = model.rows().get(750); // scrolled into view: page 7 is read
        Landing page = background.read();
        backend.publish(later(job(250, JobStatus.RUNNING), JobStatus.SUCCEEDED, 60));
        drainFx();
        page.land();
        settle();

        assertThat(slot.row().id()).isEqualTo(250);
        assertThat(slot.row().phase()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aChangeStoredInTheSameMillisecondAsTheRowAReadSawStillWins() {
        // A job without outputs goes DOWNLOADING -> SUCCEEDED within one millisecond of the store's clock.
        open(5, id -> job(id, id == 5 ? JobStatus.DOWNLOADING : JobStatus.SUCCEEDED));
        backend.publish(job(6, JobStatus.QUEUED));
        drainFx();
        Landing read = background.read(); // sees job 5 downloading
        backend.publish(later(job(5, JobStatus.DOWNLOADING), JobStatus.SUCCEEDED, 0));
        drainFx();
        assertThat(shown(5).phase()).isEqualTo(JobStatus.SUCCEEDED);
        read.land();
        settle();

        assertThat(shown(5).phase()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aStatusStoredInTheSameMillisecondAsAFinerTimedEventIsNotTakenForOlder() {
        open(5);
        JobRow queued = job(6, JobStatus.QUEUED);
        // Queue moves are told with the clock's full precision; the store keeps milliseconds.
        backend.publish(queued.withUpdated(queued.createdAt().plusNanos(400_000)));
        settle();
        backend.publish(later(queued, JobStatus.RUNNING, 0));
        settle();

        assertThat(shown(6).phase()).isEqualTo(JobStatus.RUNNING);
    }

    /**
     * Stores a new job (id 7, 8, …) just before each of the next {@code times} page reads, i.e. after the read's
     * count; their events are told only when the test says so.
     */
    private List<JobRow> storeANewJobBeforeEachPageRead(int times) {
        List<JobRow> stored = new ArrayList<>();
        Runnable[] storeOne = new Runnable[1];
        storeOne[0] = () -> {
            JobRow next = job(7 + stored.size(), JobStatus.SUBMITTING);
            stored.add(next);
            backend.add(next);
            backend.beforeNextPage = stored.size() < times ? storeOne[0] : null;
        };
        backend.beforeNextPage = storeOne[0];
        return stored;
    }

    private void tell(List<JobRow> changes) {
        changes.forEach(row -> backend.listeners.forEach(listener -> listener.jobChanged(row)));
    }

    /** One job stored between the count and the page; four: more than one refresh re-reads. */
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void jobsStoredBetweenTheCountAndThePageReadDoNotPushOthersOffTheList(int stored) {
        open(5);
        backend.publish(job(6, JobStatus.QUEUED));
        drainFx();
        List<JobRow> newJobs = storeANewJobBeforeEachPageRead(stored);
        background.read().land();
        tell(newJobs); // their events come after the read landed
        settle();

        assertThat(model.shownCountProperty().get()).isEqualTo(6 + stored);
        List<Long> everyJobNewestFirst = java.util.stream.LongStream.iterate(6 + stored, id -> id >= 1, id -> id - 1)
                .boxed().toList();
        assertThat(ids()).containsExactlyElementsOf(everyJobNewestFirst);
    }

    @Test
    void aListThatNeverReadsConsistentlyIsShownWithoutReadingItAgainAndAgain() {
        open(5);
        backend.publish(job(6, JobStatus.QUEUED));
        drainFx();
        List<JobRow> stored = storeANewJobBeforeEachPageRead(Integer.MAX_VALUE);

        background.read().land();
        assertThat(background.waiting()).as("one more read").isEqualTo(1);
        background.read().land();
        assertThat(background.waiting()).as("no endless re-reading").isZero();
        assertThat(model.rows()).isNotEmpty();

        backend.beforeNextPage = null;
        tell(stored);
        settle();
        assertThat(model.rows()).hasSize(6 + stored.size());
    }

    @Test
    void aJobLeavingAFilteredListFromAPageNotLoadedIsCountedOut() {
        open(300, id -> job(id, JobStatus.RUNNING));
        model.statusFilterProperty().set(StatusFilter.RUNNING);
        settle();
        assertThat(model.rows()).hasSize(300);

        backend.publish(later(job(50, JobStatus.RUNNING), JobStatus.SUCCEEDED, 60)); // row 250: page 2, not loaded
        settle();

        assertThat(model.shownCountProperty().get()).isEqualTo(299);
        assertThat(model.rows()).hasSize(299);
        model.rows().get(298); // scrolled to the end: the last page is read
        settle();
        assertThat(model.rows().get(298).row().id()).isEqualTo(1);
    }

    @Test
    void aJobWhoseStatusMovesItIntoTheLoadedRowsOfAStatusSortShowsThere() {
        open(300);
        model.sortBy(JobQuery.Sort.STATUS, false);
        settle();
        assertThat(model.rows().get(0).row().phase()).isEqualTo(JobStatus.SUCCEEDED);

        // Its outputs are downloaded again: it sorts before every succeeded job, from a page not loaded.
        backend.publish(later(job(250, JobStatus.SUCCEEDED), JobStatus.DOWNLOADING, 60));
        settle();

        assertThat(model.rows().get(0).row().id()).isEqualTo(250);
        assertThat(model.rows().get(0).row().phase()).isEqualTo(JobStatus.DOWNLOADING);
    }

    @Test
    void aPageScrolledToWhileANewSortLoadsIsReadInTheOrderItIsShownIn() {
        open(1000);
        model.sortBy(JobQuery.Sort.CREATED, false); // oldest first: read in the background
        JobItem slot = model.rows().get(750); // the old list is still shown and scrolled
        background.readNewest().land();

        assertThat(slot.row().id()).isEqualTo(250);
        settle();
        assertThat(model.rows().get(0).row().id()).isEqualTo(1);
        model.rows().get(750);
        settle();
        assertThat(model.rows().get(750).row().id()).isEqualTo(751);
    }

    @Test
    void aRowSelectedWhileItsPageLoadsGetsItsDetailsAndActionsWhenThePageLands() {
        open(1000, id -> job(id, id == 250 ? JobStatus.RUNNING : JobStatus.SUCCEEDED));
        JobItem slot = model.rows().get(750);
        Landing page = background.read();
        model.selection().setAll(slot); // clicked while the row still shows nothing
        settle();
        assertThat(model.detailsProperty().get()).isNull();
        assertThat(model.selectionCancellableProperty().get()).isFalse();

        page.land();
        settle();

        assertThat(model.detailsProperty().get()).isNotNull();
        assertThat(model.detailsProperty().get().row().id()).isEqualTo(250);
        assertThat(model.selectionCancellableProperty().get()).isTrue();
    }

    @Test
    void recentOutputsReadBeforeAJobWasSelectedDoNotReplaceThatJobsOutputs() {
        open(5);
        model.showRecentOutputs(); // e.g. a job finished while nothing was selected
        Landing recent = background.read();
        model.selection().setAll(model.rows().get(0));
        settle(); // the selected job's outputs arrive first
        assertThat(gallery.titleProperty().get()).isEqualTo("Job #5");

        recent.land();

        assertThat(gallery.titleProperty().get()).isEqualTo("Job #5");
        assertThat(gallery.jobIdProperty().get()).isEqualTo(5L);
    }
}
