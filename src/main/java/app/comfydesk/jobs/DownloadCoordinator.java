package app.comfydesk.jobs;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.OutputFile;
import app.comfydesk.api.ResultResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the outputs of finished jobs: plans their paths, runs the downloads on a small pool, records each file on
 * the engine thread, and ends the job (SUCCEEDED only when every output is on disk). A round that leaves outputs
 * missing is tried again later, waiting longer the more rounds in a row failed. Bookkeeping is engine-thread only.
 */
final class DownloadCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadCoordinator.class);

    private final JobStore store;
    private final EngineSettings settings;
    private final EngineLoop loop;
    /** Whether this engine still follows the job (holds its lease). */
    private final LongPredicate followed;
    private final ExecutorService downloads;
    private final OutputDownloader downloader;
    private final Map<Long, Integer> downloadsLeft = new HashMap<>();
    private final Map<Long, DownloadTrouble> downloadTrouble = new HashMap<>();

    /**
     * Download rounds of a job that ended with outputs still missing, without a single output saved since
     * {@code since}: the next round waits longer the more rounds in a row failed.
     */
    private record DownloadTrouble(Instant since, int failedRounds) {
    }

    DownloadCoordinator(JobStore store, EngineSettings settings, EngineLoop loop, LongPredicate followed) {
        this.store = store;
        this.settings = settings;
        this.loop = loop;
        this.followed = followed;
        this.downloads = Executors.newFixedThreadPool(settings.maxConcurrentDownloads(),
                EngineLoop.named("comfydesk-download"));
        this.downloader = new OutputDownloader(settings.downloadConnectTimeout(), settings.downloadReadTimeout(),
                settings.downloadAttempts(), settings.downloadRetryDelay(), settings.maxConcurrentDownloads(),
                settings.maxOutputBytes());
    }

    /** The outputs of a result, each with the path it is saved to; texts are saved at once. */
    List<JobOutput> plan(Job job, ResultResponse result) {
        List<OutputFile> files = result.outputs();
        Path folder = job.outputDir() != null ? job.outputDir()
                : OutputPaths.requestFolder(settings.outputRoot(), job.requestId());
        Set<String> taken = new HashSet<>();
        List<JobOutput> planned = new ArrayList<>();
        // The same result read again (a crash between planning and downloading) keeps its paths: planning anew
        // would step around the files already saved there and save them a second time as name_1.png.
        Map<Integer, JobOutput> before = new HashMap<>();
        for (JobOutput o : job.outputs()) {
            before.put(o.index(), o);
        }
        for (int i = 0; i < files.size(); i++) {
            OutputFile f = files.get(i);
            JobOutput earlier = before.get(i);
            Path path;
            if (earlier != null && earlier.localPath() != null && Objects.equals(earlier.url(), f.url())) {
                path = earlier.localPath();
                taken.add(path.toString().toLowerCase(Locale.ROOT));
            } else {
                path = OutputPaths.plan(folder, f.subfolder(), f.filename(), f.url(), i, taken);
            }
            planned.add(new JobOutput(i, f.nodeId(), f.kind(), f.url(), f.filename(), f.subfolder(), path, 0,
                    OutputState.PENDING, null));
        }
        planned.addAll(TextOutputs.save(folder, result.texts(), files.size(), taken));
        return planned;
    }

    /** Whether a round of downloads is running for the job. */
    boolean running(long jobId) {
        return downloadsLeft.containsKey(jobId);
    }

    /** Since when the job's downloads have failed without a single output saved; empty while they work. */
    Optional<Instant> troubleSince(long jobId) {
        DownloadTrouble trouble = downloadTrouble.get(jobId);
        return Optional.ofNullable(trouble == null ? null : trouble.since());
    }

    /** Forgets the job's failed rounds (it was forgotten, or another process follows it now). */
    void drop(long jobId) {
        downloadTrouble.remove(jobId);
    }

    /** Starts a round for the job's PENDING outputs (a file already complete on disk is only recorded). */
    void start(Job job) {
        List<JobOutput> pending = new ArrayList<>();
        boolean unrecorded = false;
        for (JobOutput o : job.outputs()) {
            if (o.state() != OutputState.PENDING) {
                continue;
            }
            Long size = completeFileSize(o.localPath());
            if (size == null) {
                pending.add(o);
                continue;
            }
            // Only a complete download is ever moved to its planned path (it is written to a .part file first),
            // so a file there was saved by an earlier round or process that stopped before recording it.
            try {
                recordOutput(job.id(), o.withState(OutputState.SAVED, size, null));
            } catch (JobStoreException e) {
                LOG.warn("Recording output {} of job {} failed: {}", o.index(), job.id(), e.getMessage());
                unrecorded = true;
            }
        }
        if (pending.isEmpty() && unrecorded) {
            downloadAgainLater(job.id(), 1);
            return;
        }
        if (pending.isEmpty()) {
            complete(job.id());
            return;
        }
        downloadsLeft.put(job.id(), pending.size());
        boolean hostingPeriodOver = job.createdAt().plus(OutputDownloader.HOSTING_PERIOD).isBefore(loop.now());
        boolean apiOnLoopback = ApiEndpoint.isLoopbackHost(job.target().baseUrl().getHost());
        for (JobOutput output : pending) {
            downloads.execute(() -> {
                OutputDownloader.Result r;
                try {
                    r = loop.closed() ? null : downloader.download(output.url(), output.localPath(),
                            hostingPeriodOver, apiOnLoopback);
                } catch (RuntimeException e) {
                    LOG.warn("Saving {} failed", output.localPath(), e);
                    r = new OutputDownloader.Result(OutputState.FAILED, 0, "could not save the file (details are "
                            + "in the log)", false);
                }
                OutputDownloader.Result outcome = r;
                if (outcome != null) {
                    loop.call(() -> {
                        downloaded(job.id(), output, outcome);
                        return null;
                    });
                }
            });
        }
    }

    private void downloaded(long jobId, JobOutput output, OutputDownloader.Result r) {
        if (loop.closed() || !followed.test(jobId)) {
            return;   // taken over meanwhile: the new holder finds the saved file and records it
        }
        try {
            recordOutput(jobId, output.withState(r.state(), r.bytes(), r.error()));
        } catch (JobStoreException e) {
            // Not recorded, so still PENDING in the store: the end of this round schedules it again.
            LOG.warn("Recording output {} of job {} failed: {}", output.index(), jobId, e.getMessage());
        }
        int left = downloadsLeft.merge(jobId, -1, Integer::sum);
        if (left <= 0) {
            downloadsLeft.remove(jobId);
            complete(jobId);
        }
    }

    private void recordOutput(long jobId, JobOutput updated) {
        Job job = store.find(jobId).orElse(null);
        if (job == null) {
            return;   // forgotten meanwhile
        }
        store.updateOutput(jobId, updated);
        if (updated.state() == OutputState.SAVED) {
            downloadTrouble.remove(jobId);   // the host works: the next failed round waits the shortest time
        }
        List<JobOutput> outputs = new ArrayList<>(job.outputs());
        outputs.replaceAll(o -> o.index() == updated.index() ? updated : o);
        loop.publish(new JobEvent.OutputSaved(new Job(job.id(), job.requestId(), job.target(), job.mode(),
                job.requestJson(), job.editsJson(), job.workflowSource(), job.promptSnippet(), job.status(),
                job.queuePosition(), job.instanceId(), job.errorJson(), job.errorMessage(), job.createdAt(),
                job.updatedAt(), job.finishedAt(), job.outputDir(), job.history(), outputs), updated));
    }

    private void complete(long jobId) {
        Job job = store.find(jobId).orElse(null);
        if (job == null) {
            return;
        }
        List<JobOutput> outs = job.outputs();
        if (outs.stream().anyMatch(o -> o.state() == OutputState.PENDING)) {
            // The network dropped: try the missing files again later, the job stays DOWNLOADING.
            DownloadTrouble trouble = downloadTrouble.merge(jobId, new DownloadTrouble(loop.now(), 1),
                    (earlier, next) -> new DownloadTrouble(earlier.since(), earlier.failedRounds() + 1));
            downloadAgainLater(jobId, trouble.failedRounds());
            return;
        }
        downloadTrouble.remove(jobId);
        JobStatus status;
        String message = null;
        if (outs.stream().anyMatch(o -> o.state() == OutputState.FAILED)) {
            status = JobStatus.FAILED;
            message = "Could not save " + outs.stream().filter(o -> o.state() == OutputState.FAILED)
                    .map(o -> o.localPath().getFileName() + " (" + o.error() + ")").findFirst().orElse("an output");
        } else if (outs.stream().anyMatch(o -> o.state() == OutputState.EXPIRED)) {
            status = JobStatus.OUTPUTS_EXPIRED;
            message = "Some outputs had expired on the server before they could be saved";
        } else {
            status = JobStatus.SUCCEEDED;
        }
        // Also clears the message of an earlier, retried attempt when everything is saved now.
        Job done;
        try {
            done = store.recordError(jobId, status, null, message, loop.now());
        } catch (JobStoreException e) {
            // With nothing left to download, the next round only writes the end again.
            LOG.warn("Recording the end of job {} failed, trying again later: {}", jobId, e.getMessage());
            downloadAgainLater(jobId, 1);
            return;
        }
        loop.publish(new JobEvent.StatusChanged(done, job.status()));
    }

    /** Another round of {@link #start} for the job's PENDING outputs, if it is still DOWNLOADING then. */
    private void downloadAgainLater(long jobId, int failures) {
        loop.later(() -> {
            if (!loop.closed() && followed.test(jobId)) {
                store.find(jobId).filter(j -> j.status() == JobStatus.DOWNLOADING).ifPresent(this::start);
            }
        }, settings.schedule().offline(Math.max(1, failures)));
    }

    private static Long completeFileSize(Path path) {
        try {
            return path != null && Files.isRegularFile(path) ? Files.size(path) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Removes the {@code .part} files a stopped process left in the job's folder. */
    static void cleanPartFiles(Job job) {
        if (job.outputDir() == null || !Files.isDirectory(job.outputDir())) {
            return;
        }
        try (Stream<Path> files = Files.walk(job.outputDir())) {
            files.filter(p -> p.getFileName().toString().endsWith(".part")).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Harmless leftover.
                }
            });
        } catch (IOException ignored) {
            // Harmless leftovers.
        }
    }

    /**
     * Stops the pool at once and aborts the connections of running downloads: a thread blocked reading a slow host
     * ignores the interrupt.
     */
    void stop() {
        downloads.shutdownNow();
        downloader.close();
    }

    void awaitTermination() throws InterruptedException {
        downloads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
