package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.JobGroupFold;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.RatingFilter;
import app.comfydesk.ui.common.BackgroundExecutor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The job table's rows: the query (filter, sort, search, folded sweeps), the {@link LazyJobList} read page by page,
 * and the reconciliation of live engine events with store reads that may be older than them. Part of
 * {@link JobMonitorViewModel}, which feeds it the bridge's batches on the FX thread. Holds no nodes.
 */
final class JobListModel {

    /** The table's query: sweep groups folded to one row each (the store decides which rows are shown). */
    static final JobQuery TABLE_DEFAULT = JobQuery.all().withGroups(JobGroupFold.FOLDED);
    private static final int MAX_SEEDED_JOBS = 100_000;
    private static final int SNAPSHOT_READS = 3;

    private final JobMonitorBackend backend;
    private final BackgroundExecutor background;
    private final Consumer<String> say;
    private final ObjectProperty<Runnable> onRowsReset;
    private final LazyJobList rows;
    /** Runs each page's landing; the selection wraps it to see which of its rows the page filled. */
    private Consumer<Runnable> pageLanding = Runnable::run;

    private final ObjectProperty<JobQuery> query = new SimpleObjectProperty<>(this, "query", TABLE_DEFAULT);
    private final ObjectProperty<StatusFilter> statusFilter =
            new SimpleObjectProperty<>(this, "statusFilter", StatusFilter.ALL);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ObjectProperty<RatingFilter> ratingFilter =
            new SimpleObjectProperty<>(this, "ratingFilter", RatingFilter.ANY);
    private final ReadOnlyIntegerWrapper shownCount = new ReadOnlyIntegerWrapper(this, "shownCount");
    private final ReadOnlyIntegerWrapper matchedJobs = new ReadOnlyIntegerWrapper(this, "matchedJobs");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");

    /** Phase of every job seen going by, so a finish is noticed once (notifications) and new jobs are told apart. */
    private final Map<Long, JobStatus> livePhases = new HashMap<>();
    private final Set<Long> insertedSinceReset = new HashSet<>();
    private long newestIdAtReset = Long.MIN_VALUE;
    private boolean refreshRunning;
    private boolean refreshAgain;
    /** The rows shown came from a snapshot whose count and pages disagreed (see {@link #readSnapshot}). */
    private boolean listMayBeOff;
    /** Jobs an event told about before the start-up read of unfinished jobs came back (that read is older). */
    private final Set<Long> seenInEvents = new HashSet<>();
    private boolean seeded;
    /**
     * The newest snapshot per job told while a store read (a page, or a refresh) was out. Such a read may have run
     * before the change was stored and land after it was told; what it brings back must not undo the change. Kept
     * only while reads are out: a read that starts after an event was applied runs after that change was stored.
     */
    private final Map<Long, JobRow> toldDuringReads = new HashMap<>();
    private int readsOut;
    /** The query the rows were read with; until a new query's rows land, pages scrolled to are read with this one. */
    private JobQuery shownQuery = TABLE_DEFAULT;

    /** What one batch of job snapshots did: the jobs that finished, and whether the focused job was among them. */
    record Applied(List<JobRow> finished, boolean focusedChanged) {
    }

    JobListModel(JobMonitorBackend backend, BackgroundExecutor background, Consumer<String> say,
                 ObjectProperty<Runnable> onRowsReset) {
        this.backend = backend;
        this.background = background;
        this.say = say;
        this.onRowsReset = onRowsReset;
        this.rows = new LazyJobList(this::loadPage);
        statusFilter.addListener((obs, old, filter) -> query.set(query.get().withStatuses(filter.phases())));
        ratingFilter.addListener((obs, old, filter) -> query.set(query.get().withRating(filter)));
        query.addListener((obs, old, spec) -> refresh(true));
    }

    /** Shows the first page and reads which jobs were unfinished before the listener. */
    void start() {
        refresh(true);
        seedLivePhases();
    }

    void pageLandingThrough(Consumer<Runnable> landing) {
        this.pageLanding = landing;
    }

    ObservableList<JobItem> rows() {
        return rows;
    }

    ObjectProperty<JobQuery> queryProperty() {
        return query;
    }

    ObjectProperty<StatusFilter> statusFilterProperty() {
        return statusFilter;
    }

    ObjectProperty<RatingFilter> ratingFilterProperty() {
        return ratingFilter;
    }

    StringProperty searchTextProperty() {
        return searchText;
    }

    void applySearch() {
        String shown = query.get().text() == null ? "" : query.get().text(); // JobQuery keeps a blank text as null
        if (!searchText.get().strip().equals(shown)) {
            query.set(query.get().withText(searchText.get()));
        }
    }

    void sortBy(JobQuery.Sort column, boolean descending) {
        JobQuery current = query.get();
        if (current.sort() != column || current.descending() != descending) {
            query.set(current.sortedBy(column, descending));
        }
    }

    ReadOnlyIntegerProperty shownCountProperty() {
        return shownCount.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty matchedJobsProperty() {
        return matchedJobs.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    int indexOfLoaded(long jobId) {
        return rows.indexOf(jobId);
    }

    // ---- live updates ----

    /**
     * One batch of the newest snapshot per job: rows on loaded pages change in place, and the pages are read again
     * when a job enters, leaves or moves in the list (or the last read disagreed with itself).
     */
    Applied apply(List<JobRow> batch, long focusedId) {
        boolean structural = false;
        boolean focusedChanged = false;
        List<JobRow> finished = new ArrayList<>();
        JobQuery spec = query.get();
        for (JobRow told : batch) {
            JobRow row = told;
            if (readsOut > 0) {
                toldDuringReads.merge(row.id(), row, (earlier, newer) -> newer.isOlderThan(earlier) ? earlier : newer);
            }
            if (!seeded) {
                seenInEvents.add(row.id());
            }
            JobStatus before = row.phase().isTerminal() ? livePhases.remove(row.id())
                    : livePhases.put(row.id(), row.phase());
            if (before != null && !before.isTerminal() && row.phase().isTerminal()) {
                finished.add(row);
            }
            JobItem item = rows.itemOf(row.id());
            // An engine event knows no group; the row keeps the one its page read gave it, and a member ending
            // re-reads the pages so the head's "12 / 25" follows.
            JobRow grouped = item == null || item.row() == null ? null : item.row();
            if (grouped != null && grouped.group() != null && row.group() == null) {
                row = row.withGroup(grouped.group());
            }
            structural |= before != null && !before.isTerminal() && row.phase().isTerminal()
                    && (item == null || row.group() != null);
            if (item != null) {
                JobRow old = item.row();
                if (old == null || !row.isOlderThan(old)) {
                    item.set(row);
                }
                boolean leaves = !row.matches(spec);
                boolean reorders = old != null && movesWith(spec, old.phase(), row.phase());
                structural |= leaves || reorders;
            } else {
                boolean added = row.matches(spec) && row.id() > newestIdAtReset && insertedSinceReset.add(row.id());
                // Not on a loaded page, yet a new state can bring it into, or take it out of, a filtered list (the
                // count and the pages shift) or move it within a list sorted by state (onto a loaded page).
                structural |= added || movesWith(spec, before, row.phase());
            }
            focusedChanged |= row.id() == focusedId;
        }
        if (structural || listMayBeOff) {
            refresh(false);
        }
        return new Applied(finished, focusedChanged);
    }

    /**
     * Re-reads the row count and the pages on screen. A new query ({@code newQuery}) starts from the top; a live
     * refresh keeps the loaded pages and reports new jobs at the head as insertions.
     */
    private void refresh(boolean newQuery) {
        if (refreshRunning) {
            refreshAgain = true;
            return;
        }
        refreshRunning = true;
        JobQuery spec = query.get();
        List<Integer> pages = newQuery ? List.of(0) : mostRecent(rows.loadedPages(), 3);
        int oldSize = rows.size();
        if (newQuery) {
            loading.set(true);
        }
        readsOut++;
        background.submit(() -> readSnapshot(spec, pages)).onSuccess(snapshot -> {
            if (snapshot.spec().equals(query.get())) {
                // Shown, and read again at once and then on each event until a read agrees with itself (not in a
                // loop of its own, should a backend never agree).
                refreshAgain |= !snapshot.consistent() && !listMayBeOff;
                listMayBeOff = !snapshot.consistent();
                long newest = snapshot.pages().values().stream().flatMap(List::stream).mapToLong(JobRow::id)
                        .max().orElse(newestIdAtReset);
                int addedAtTop = !newQuery && isNewestFirst(snapshot.spec()) ? snapshot.count() - oldSize : 0;
                newestIdAtReset = Math.max(newestIdAtReset, newest);
                insertedSinceReset.clear();
                shownQuery = snapshot.spec();
                rows.reset(snapshot.count(), newest(snapshot.pages()), addedAtTop);
                matchedJobs.set(snapshot.jobs());
                shownCount.set(snapshot.count());
                if (addedAtTop <= 0 || snapshot.count() != oldSize + addedAtTop) {
                    Runnable restore = onRowsReset.get();
                    if (restore != null) {
                        restore.run();
                    }
                }
            } else {
                refreshAgain = true;
            }
        }).onError(error -> say.accept("Could not read the job history: " + error)).onFinally(() -> {
            refreshRunning = false;
            loading.set(false);
            readDone();
            if (refreshAgain) {
                refreshAgain = false;
                refresh(!query.get().equals(spec));
            }
        });
    }

    /** Whether a job going from {@code before} (null: unknown) to {@code now} can enter, leave or move in the list. */
    private static boolean movesWith(JobQuery spec, JobStatus before, JobStatus now) {
        boolean orderFollowsState = switch (spec.sort()) {
            case STATUS, DURATION, REQUEST_ID, UPDATED -> true;
            case CREATED, PROMPT, DEPLOYMENT -> false;
        };
        return before != now && (!spec.statuses().isEmpty() || orderFollowsState);
    }

    private static boolean isNewestFirst(JobQuery spec) {
        return spec.sort() == JobQuery.Sort.CREATED && spec.descending();
    }

    private static List<Integer> mostRecent(List<Integer> pagesInAccessOrder, int limit) {
        int from = Math.max(0, pagesInAccessOrder.size() - limit);
        List<Integer> recent = new ArrayList<>(pagesInAccessOrder.subList(from, pagesInAccessOrder.size()));
        if (!recent.contains(0)) {
            recent.add(0);
        }
        return recent;
    }

    /**
     * The count and the pages on screen as one picture. They are separate store reads: a job stored (or leaving a
     * filter) between them makes the pages disagree with the count, and the list would cut a row off its end or keep
     * a slot that never fills, until some later change. The pages' lengths and a second count tell; the read is
     * repeated, and a snapshot still inconsistent after that is shown and read once more.
     */
    private Snapshot readSnapshot(JobQuery spec, List<Integer> pages) {
        Snapshot snapshot = null;
        for (int attempt = 0; attempt < SNAPSHOT_READS && (snapshot == null || !snapshot.consistent()); attempt++) {
            int count = backend.count(spec);
            Map<Integer, List<JobRow>> loaded = new LinkedHashMap<>();
            boolean consistent = true;
            for (int page : pages) {
                int offset = page * LazyJobList.PAGE_SIZE;
                if (offset < count) {
                    List<JobRow> read = backend.page(spec, offset, LazyJobList.PAGE_SIZE);
                    consistent &= read.size() == Math.min(LazyJobList.PAGE_SIZE, count - offset);
                    loaded.put(page, read);
                }
            }
            snapshot = new Snapshot(spec, count, count, loaded, consistent && backend.count(spec) == count);
        }
        // Folded sweeps: the jobs behind the rows, for the count the toolbar shows (one more count read).
        return spec.groups() == null ? snapshot : snapshot.withJobs(backend.count(spec.withGroups(null)));
    }

    /** {@code count} rows (folded sweeps one each) standing for {@code jobs} jobs. */
    private record Snapshot(JobQuery spec, int count, int jobs, Map<Integer, List<JobRow>> pages,
                            boolean consistent) {
        Snapshot withJobs(int all) {
            return new Snapshot(spec, count, Math.max(count, all), pages, consistent);
        }
    }

    private void loadPage(long generation, int page, int offset, int limit) {
        JobQuery spec = shownQuery;
        readsOut++;
        background.submit(() -> backend.page(spec, offset, limit))
                .onSuccess(loaded -> pageLanding.accept(() -> rows.pageLoaded(generation, page, newest(loaded))))
                .onError(error -> say.accept("Could not read the job history: " + error))
                .onFinally(this::readDone);
    }

    private void readDone() {
        if (--readsOut == 0) {
            toldDuringReads.clear();
        }
    }

    /** Rows a read brought back, each replaced by what an event told meanwhile unless the read saw a later change. */
    private List<JobRow> newest(List<JobRow> read) {
        if (toldDuringReads.isEmpty()) {
            return read;
        }
        return read.stream().map(row -> {
            JobRow told = toldDuringReads.get(row.id());
            // Equal times go to the event: a later change stored in the same millisecond is told after it anyway.
            // The group is the read's: an event knows none (see JobRow.readOver).
            return told != null && !told.isOlderThan(row) ? told.withGroup(row.group()) : row;
        }).toList();
    }

    private Map<Integer, List<JobRow>> newest(Map<Integer, List<JobRow>> pages) {
        Map<Integer, List<JobRow>> newest = new LinkedHashMap<>();
        pages.forEach((page, read) -> newest.put(page, newest(read)));
        return newest;
    }

    /**
     * Unfinished jobs from before this session (or before the listener) join {@link #livePhases} once, unless an
     * event came first: their finish is then noticed (a notification, a sweep head re-read) like any other.
     */
    private void seedLivePhases() {
        JobQuery unfinished = JobQuery.all().withStatuses(EnumSet.of(JobStatus.RUNNING,
                JobStatus.DOWNLOADING, JobStatus.QUEUED, JobStatus.SUBMITTING));
        background.submit(() -> backend.page(unfinished, 0, MAX_SEEDED_JOBS))
                .onSuccess(found -> {
                    for (JobRow row : found) {
                        if (!seenInEvents.contains(row.id())) {
                            livePhases.putIfAbsent(row.id(), row.phase());
                        }
                    }
                    seenInEvents.clear();
                    seeded = true;
                })
                .onError(error -> say.accept("Could not read the job history: " + error));
    }
}
