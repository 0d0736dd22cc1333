package app.comfydesk.ui.jobs;

import app.comfydesk.api.ApiVersion;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobMode;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobTarget;
import app.comfydesk.jobs.StatusChange;
import app.comfydesk.jobs.UnfinishedSnapshot;
import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import app.comfydesk.ui.gallery.DesktopIntegration;
import app.comfydesk.ui.gallery.GalleryViewModel;
import app.comfydesk.ui.gallery.OutputActions;
import app.comfydesk.ui.gallery.OutputItem;
import app.comfydesk.ui.gallery.ThumbnailCache;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory job history for unit tests: filters and sorts like the store, records calls. */
final class FakeJobBackend implements JobMonitorBackend {

    final List<JobRow> jobs = new CopyOnWriteArrayList<>();
    final List<Listener> listeners = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Integer> pagesRead = new CopyOnWriteArrayList<>();
    /** Runs once, just before the next page read (a store write landing between the count and the page). */
    volatile Runnable beforeNextPage;
    /** Saved outputs per job, as the details report them (oldest first). */
    final java.util.Map<Long, List<OutputItem>> outputs = new java.util.concurrent.ConcurrentHashMap<>();

    static JobRow row(long id, JobStatus phase, String prompt, Instant created) {
        return new JobRow(id, "req-" + id, phase, phase == JobStatus.QUEUED ? 3 : null, created,
                phase == JobStatus.RUNNING ? created.plusSeconds(5) : null, phase.isTerminal()
                ? created.plusSeconds(30) : null, created, prompt, "deployment", null, 0,
                phase == JobStatus.FAILED ? "boom (node 3 KSampler)" : null);
    }

    /** A gallery whose desktop actions do nothing (no window opens during tests). */
    static GalleryViewModel gallery(ThumbnailCache thumbnails) {
        return new GalleryViewModel(thumbnails, new OutputActions(new SameThreadBackgroundExecutor(),
                new DesktopIntegration() {
                    @Override
                    public void open(Path file) {
                    }

                    @Override
                    public void showInFolder(Path file) {
                    }
                }));
    }

    void add(JobRow row) {
        jobs.removeIf(existing -> existing.id() == row.id());
        jobs.add(row);
    }

    void publish(JobRow row) {
        add(row);
        listeners.forEach(listener -> listener.jobChanged(row));
    }

    private List<JobRow> matching(JobQuery query) {
        Comparator<JobRow> order = switch (query.sort()) {
            case STATUS -> Comparator.comparing(JobRow::phase);
            case PROMPT -> Comparator.comparing(JobRow::prompt);
            default -> Comparator.comparing(JobRow::createdAt);
        };
        List<JobRow> result = new ArrayList<>(jobs.stream().filter(row -> row.matches(query)).toList());
        result.sort(query.descending() ? order.reversed().thenComparing(JobRow::id, Comparator.reverseOrder())
                : order.thenComparing(JobRow::id));
        return result;
    }

    @Override
    public int count(JobQuery query) {
        return matching(query).size();
    }

    @Override
    public List<JobRow> page(JobQuery query, int offset, int limit) {
        Runnable hook = beforeNextPage;
        beforeNextPage = null;
        if (hook != null) {
            hook.run();
        }
        pagesRead.add(offset / LazyJobList.PAGE_SIZE);
        List<JobRow> all = matching(query);
        return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
    }

    /** Text outputs by job id, then node id. */
    final java.util.Map<Long, java.util.Map<String, String>> texts = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Optional<JobDetails> details(long jobId) {
        return jobs.stream().filter(row -> row.id() == jobId).findFirst().map(row -> new JobDetails(row,
                List.of(new StatusChange(JobStatus.QUEUED, row.createdAt(), null, 3, null)), null, "{\"3\": {}}",
                row.phase() == JobStatus.FAILED ? "{\"exception_message\": \"boom\", \"node_id\": \"3\"}" : null,
                "{}", outputs.getOrDefault(row.id(), List.of()), null, texts.get(row.id()), null));
    }

    @Override
    public List<OutputItem> recentOutputs(int limit) {
        return List.of();
    }

    /**
     * The engine's unfinished jobs, as the engine keeps them: each job told to a listener changes them first, and
     * the listener then hears the new snapshot (a test may call {@link #listeners} directly, as the engine would).
     */
    private final java.util.Map<Long, JobStatus> unfinished = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public UnfinishedSnapshot unfinished() {
        JobTarget target = new JobTarget(URI.create("https://api.runcomfy.net"), ApiVersion.V1, "deployment",
                "studio");
        return new UnfinishedSnapshot(unfinished.entrySet().stream().map(e -> new Job(e.getKey(), "req-" + e.getKey(),
                target, JobMode.OVERRIDES, "{}", "{}", "flow.json", "", e.getValue(), null, null, null, null,
                Instant.EPOCH, Instant.EPOCH, null, null, List.of(), List.of())).toList());
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(new Listener() {
            @Override
            public void jobChanged(JobRow row) {
                if (row.phase().isTerminal()) {
                    unfinished.remove(row.id());
                } else {
                    unfinished.put(row.id(), row.phase());
                }
                listener.unfinishedChanged(unfinished());
                listener.jobChanged(row);
            }

            @Override
            public void connectionChanged(ConnectionStatus status) {
                listener.connectionChanged(status);
            }

            @Override
            public void unfinishedChanged(UnfinishedSnapshot snapshot) {
                listener.unfinishedChanged(snapshot);
            }
        });
    }

    @Override
    public CompletableFuture<String> cancel(long jobId) {
        calls.add("cancel " + jobId);
        return CompletableFuture.completedFuture("Job #" + jobId + " cancelled.");
    }

    @Override
    public CompletableFuture<String> deleteRemote(long jobId) {
        calls.add("delete " + jobId);
        return CompletableFuture.completedFuture("Deleted");
    }

    @Override
    public CompletableFuture<Long> rerun(long jobId) {
        calls.add("rerun " + jobId);
        return CompletableFuture.completedFuture(jobId + 1000);
    }
}
