package app.comfydesk.bench;

import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobOutput;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.JobSubmission;
import app.comfydesk.jobs.JobTarget;
import app.comfydesk.jobs.OutputState;
import app.comfydesk.ui.common.ErrorMessages;
import app.comfydesk.ui.common.ThreadPoolBackgroundExecutor;
import app.comfydesk.ui.gallery.DesktopIntegration;
import app.comfydesk.ui.gallery.GalleryView;
import app.comfydesk.ui.gallery.GalleryViewModel;
import app.comfydesk.ui.gallery.OutputActions;
import app.comfydesk.ui.gallery.OutputItem;
import app.comfydesk.ui.gallery.ThumbnailCache;
import app.comfydesk.ui.jobs.EngineJobBackend;
import app.comfydesk.ui.jobs.JobDetails;
import app.comfydesk.ui.jobs.JobMonitorBackend;
import app.comfydesk.ui.jobs.JobMonitorView;
import app.comfydesk.ui.jobs.JobMonitorViewModel;
import app.comfydesk.ui.jobs.JobRow;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The job monitor with 100,000 stored jobs and 1,000 live ones (issue 6). Seeds a real SQLite {@link JobStore}
 * (kept between runs), opens the real monitor and gallery views over it, then replays engine-like state changes
 * for the live jobs (queue position moves, running, downloading, succeeded/failed — written to the store and
 * published as the engine does) while the table is scrolled. Reports: time until the table shows its first rows,
 * FX-thread busy fraction (CPU time of the FX thread / wall time), longest pulse (CSS + layout + sync, measured
 * with the toolkit's pulse listeners) and longest gap between frames, and heap used.
 *
 * <pre>
 * mvn -q -Pbench -Dbench=JobMonitorBenchmark test-compile exec:java          # with a display, or:
 * xvfb-run -a -s "-screen 0 1600x1000x24" mvn -q -Pbench -Dbench=JobMonitorBenchmark test-compile exec:java
 * </pre>
 * System properties: {@code bench.jobs} (100000), {@code bench.live} (1000), {@code bench.seconds} (20),
 * {@code bench.home} (target/bench-home/monitor), {@code bench.filter} (a {@code StatusFilter} name, e.g. ACTIVE: every
 * state change then moves jobs in or out of the list, so refreshes re-read the count and pages; their number and
 * time are reported).
 */
public final class JobMonitorBenchmark {

    private static final int STORED = Integer.getInteger("bench.jobs", 100_000);
    private static final int LIVE = Integer.getInteger("bench.live", 1_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    /** Whether the table also jumps deep into the history every two seconds (page loads while live). */
    private static final boolean JUMPS = Boolean.parseBoolean(System.getProperty("bench.jumps", "true"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PROMPTS = {
        "futuristic cityscape at night, neon reflections", "neon alley, rain, cinematic",
        "a lighthouse on a cliff at dusk", "portrait of an old fisherman, film grain", "isometric cozy library",
        "macro photo of a dew drop on a leaf", "snowy mountain village, warm lights", "retro robot reading a book"};

    private JobMonitorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("bench.home", "target/bench-home/monitor")).toAbsolutePath();
        Files.createDirectories(home);
        List<Path> images = sampleImages(home.resolve("images"));
        JobStore store = JobStore.open(home.resolve("jobs.db"));
        seedHistory(store, images);
        List<Long> live = createLiveJobs(store);
        System.out.printf("store: %,d jobs (%,d live)%n", store.count(JobQuery.all()), live.size());
        System.out.printf("machine load average: %.1f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());

        JobEngine engine = new JobEngine(store, target -> {
            throw new IllegalStateException("the benchmark makes no API calls");
        }, EngineSettings.defaults(home.resolve("outputs")));
        EngineJobBackend reads = new EngineJobBackend(engine, () -> "bench", (profile, request) -> request);
        ReplayBackend backend = new ReplayBackend(reads);
        boolean warm = Boolean.parseBoolean(System.getProperty("bench.warm", "true"));
        if (warm) {
            // In the running app the engine has already read the store (unfinished jobs) before the table shows.
            long queryStart = System.nanoTime();
            reads.count(JobQuery.all());
            reads.page(JobQuery.all(), 0, 100);
            System.out.printf("store: count + first page of 100 in %.0f ms (first queries of the JVM)%n",
                    (System.nanoTime() - queryStart) / 1e6);
        }

        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        ThreadPoolBackgroundExecutor background = new ThreadPoolBackgroundExecutor(new ErrorMessages());
        ThumbnailCache thumbnails = new ThumbnailCache(home.resolve("thumbnails"));
        PulseProbe probe = new PulseProbe();
        long[] shownAt = {0};
        long[] startAt = {0};
        JobMonitorViewModel[] model = new JobMonitorViewModel[1];
        GalleryViewModel[] galleries = new GalleryViewModel[1];
        javafx.scene.Node[] galleryNode = new javafx.scene.Node[1];
        TableView<?>[] table = new TableView<?>[1];
        CountDownLatch shown = new CountDownLatch(1);
        if (warm) {
            warmUp();
        }
        Runtime.getRuntime().gc();
        long heapBefore = usedHeap();

        Platform.runLater(() -> {
            javafx.application.Application.setUserAgentStylesheet(
                    app.comfydesk.ui.common.Theme.LIGHT.userAgentStylesheet());
            startAt[0] = System.nanoTime();
            GalleryViewModel gallery = new GalleryViewModel(thumbnails,
                    new OutputActions(background, noDesktop()));
            galleries[0] = gallery;
            model[0] = new JobMonitorViewModel(backend, background, gallery);
            JobMonitorView view = new JobMonitorView(model[0], thumbnails);
            long built = System.nanoTime();
            GalleryView galleryView = new GalleryView(gallery, background);
            galleryNode[0] = galleryView;
            SplitPane split = new SplitPane(view, galleryView);
            System.out.printf("  monitor view built: %.0f ms, gallery view built: %.0f ms%n",
                    (built - startAt[0]) / 1e6, (System.nanoTime() - built) / 1e6);
            split.setOrientation(Orientation.VERTICAL);
            Stage stage = new Stage();
            stage.setScene(new Scene(split, 1500, 950));
            long beforeShow = System.nanoTime();
            stage.show();
            System.out.printf("  stage shown (first CSS + layout): %.0f ms%n", (System.nanoTime() - beforeShow) / 1e6);
            model[0].start();
            String filter = System.getProperty("bench.filter");
            if (filter != null) {
                model[0].statusFilterProperty().set(app.comfydesk.ui.jobs.StatusFilter.valueOf(filter));
            }
            table[0] = (TableView<?>) stage.getScene().lookup("#jobTable");
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    // Shown = the first row's snapshot arrived and a frame with it was laid out.
                    if (!model[0].rows().isEmpty() && model[0].rows().get(0).row() != null) {
                        shownAt[0] = System.nanoTime();
                        stop();
                        shown.countDown();
                    }
                }
            }.start();
        });
        if (!shown.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the table never showed a row");
        }
        double showMillis = (shownAt[0] - startAt[0]) / 1e6;
        System.out.printf("table shown: %.0f ms (%,d rows; %s)%n", showMillis, model[0].rows().size(),
                warm ? "warm: the toolkit, theme and control classes already loaded, as once the main window is up"
                        : "cold: first window of a fresh JVM, includes JavaFX/AtlantaFX class and CSS loading");
        Thread.sleep(1500); // let the first thumbnails and counts settle before measuring

        long fxThread = fxThreadId();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        probe.install();
        long cpuStart = threads.getThreadCpuTime(fxThread);
        long wallStart = System.nanoTime();
        backend.resetTally();
        AtomicLong events = new AtomicLong();
        long[] peakHeap = {usedHeap()};
        Thread driver = new Thread(() -> replay(store, reads, backend, live, images, events), "bench-driver");
        driver.start();
        Random random = new Random(7);
        long end = System.currentTimeMillis() + SECONDS * 1000L;
        int step = 0;
        while (System.currentTimeMillis() < end) {
            Thread.sleep(500);
            int target = JUMPS && step++ % 4 == 3 ? random.nextInt(Math.max(1, model[0].rows().size())) : 0;
            // Mostly at the top (where the live jobs are), sometimes a jump deep into the history.
            Platform.runLater(() -> table[0].scrollTo(target));
            peakHeap[0] = Math.max(peakHeap[0], usedHeap());
        }
        driver.interrupt();
        driver.join();
        long wall = System.nanoTime() - wallStart;
        long cpu = threads.getThreadCpuTime(fxThread) - cpuStart;
        probe.remove();
        Runtime.getRuntime().gc();
        Thread.sleep(300);
        long heapAfter = usedHeap();

        System.out.printf("live phase: %d s, %,d state changes (%.0f/s) on %,d live jobs%n", SECONDS, events.get(),
                events.get() / (wall / 1e9), live.size());
        System.out.printf("FX thread busy: %.1f %% (CPU time of the FX thread / wall time)%n", 100.0 * cpu / wall);
        System.out.printf("pulses: %,d, longest %.1f ms (%.1f ms of FX-thread CPU), p99 %.1f ms; "
                + "longest gap between frames %.1f ms (%.1f ms of FX-thread CPU)%n", probe.count(), probe.longest(),
                probe.longestCpu(), probe.percentile(0.99), probe.longestGap(), probe.longestGapCpu());
        System.out.printf("store reads in the live phase: %,d counts (%.0f ms), %,d pages (%.0f ms)%n",
                backend.counts.get(), backend.countNanos.get() / 1e6, backend.pages.get(),
                backend.pageNanos.get() / 1e6);
        System.out.printf("heap used: %.0f MB after GC (%.0f MB before the views; peak sampled %.0f MB)%n",
                heapAfter / 1048576.0, heapBefore / 1048576.0, peakHeap[0] / 1048576.0);
        galleryScroll(home, galleries[0], galleryNode[0], thumbnails);
        Platform.exit();
        background.close();
        thumbnails.close();
        store.close();
        System.exit(0);
    }

    /**
     * The pictures part: 1,000 distinct outputs in the gallery grid, scrolled from top to bottom and back for ten
     * seconds while their thumbnails are decoded (off the FX thread) and cached.
     */
    private static void galleryScroll(Path home, GalleryViewModel gallery, javafx.scene.Node galleryView,
                                      ThumbnailCache thumbnails) throws Exception {
        List<Path> sources = sampleImages(home.resolve("images"));
        Path folder = home.resolve("many-outputs");
        Files.createDirectories(folder);
        List<OutputItem> outputs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Path file = folder.resolve("output_" + i + ".png");
            if (!Files.exists(file)) {
                Files.copy(sources.get(i % sources.size()), file);
            }
            outputs.add(new OutputItem(file, i, "#" + i));
        }
        CompletableFuture<javafx.scene.control.skin.VirtualFlow<?>> flow = new CompletableFuture<>();
        Platform.runLater(() -> {
            gallery.show("1,000 outputs", null, outputs);
            Platform.runLater(() -> flow.complete((javafx.scene.control.skin.VirtualFlow<?>)
                    galleryView.lookup("#outputGrid").lookup(".virtual-flow")));
        });
        javafx.scene.control.skin.VirtualFlow<?> grid = flow.get(10, TimeUnit.SECONDS);
        PulseProbe probe = new PulseProbe();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long fxThread = fxThreadId();
        probe.install();
        long cpuStart = threads.getThreadCpuTime(fxThread);
        long wallStart = System.nanoTime();
        double[] direction = {1};
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            Thread.sleep(16);
            Platform.runLater(() -> {
                // About three screens of rows per second, bouncing at both ends.
                double moved = grid.scrollPixels(direction[0] * 40);
                if (Math.abs(moved) < 1) {
                    direction[0] = -direction[0];
                }
            });
        }
        long wall = System.nanoTime() - wallStart;
        long cpu = threads.getThreadCpuTime(fxThread) - cpuStart;
        probe.remove();
        long cached;
        try (var files = Files.walk(thumbnails.directory())) {
            cached = files.filter(file -> file.toString().endsWith(".png")).count();
        }
        System.out.printf("gallery: 1,000 outputs scrolled for 10 s: FX thread busy %.1f %%, pulses %,d, longest %.1f ms "
                + "(%.1f ms CPU), p99 %.1f ms, longest gap %.1f ms (%.1f ms CPU); %,d thumbnails on disk%n",
                100.0 * cpu / wall, probe.count(), probe.longest(), probe.longestCpu(), probe.percentile(0.99),
                probe.longestGap(), probe.longestGapCpu(), cached);
    }

    // ---- the replayed engine ----

    /** Reads go to the real store adapter; events come from the replay driver instead of a running engine. */
    private static final class ReplayBackend implements JobMonitorBackend {
        private final EngineJobBackend reads;
        private final List<Listener> listeners = new CopyOnWriteArrayList<>();

        ReplayBackend(EngineJobBackend reads) {
            this.reads = reads;
        }

        void publish(JobRow row) {
            listeners.forEach(listener -> listener.jobChanged(row));
        }

        final AtomicLong counts = new AtomicLong();
        final AtomicLong countNanos = new AtomicLong();
        final AtomicLong pages = new AtomicLong();
        final AtomicLong pageNanos = new AtomicLong();

        void resetTally() {
            counts.set(0);
            countNanos.set(0);
            pages.set(0);
            pageNanos.set(0);
        }

        @Override
        public int count(JobQuery query) {
            long start = System.nanoTime();
            int count = reads.count(query);
            counts.incrementAndGet();
            countNanos.addAndGet(System.nanoTime() - start);
            return count;
        }

        @Override
        public List<JobRow> page(JobQuery query, int offset, int limit) {
            long start = System.nanoTime();
            List<JobRow> page = reads.page(query, offset, limit);
            pages.incrementAndGet();
            pageNanos.addAndGet(System.nanoTime() - start);
            return page;
        }

        @Override
        public Optional<JobDetails> details(long jobId) {
            return reads.details(jobId);
        }

        @Override
        public List<OutputItem> recentOutputs(int limit) {
            return reads.recentOutputs(limit);
        }

        @Override
        public void addListener(Listener listener) {
            listeners.add(listener);
        }

        @Override
        public CompletableFuture<String> cancel(long jobId) {
            return CompletableFuture.completedFuture("");
        }

        @Override
        public CompletableFuture<String> deleteRemote(long jobId) {
            return CompletableFuture.completedFuture("");
        }

        @Override
        public CompletableFuture<Long> rerun(long jobId) {
            return CompletableFuture.completedFuture(jobId);
        }
    }

    /**
     * Moves the live jobs through queue positions, running, downloading and a terminal state, writing each change to
     * the store and publishing the stored job, as the engine's poller does. About a third of the live jobs change
     * every second.
     */
    private static void replay(JobStore store, EngineJobBackend reads, ReplayBackend backend, List<Long> live,
                               List<Path> images, AtomicLong events) {
        Random random = new Random(42);
        int[] stage = new int[live.size()];
        int[] position = new int[live.size()];
        for (int i = 0; i < live.size(); i++) {
            position[i] = live.size() - i;
        }
        long perTick = Math.max(1, live.size() / 3 / 20);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (int n = 0; n < perTick; n++) {
                    int i = random.nextInt(live.size());
                    long id = live.get(i);
                    Instant now = Instant.now();
                    Job job;
                    switch (stage[i]) {
                        case 0 -> {
                            position[i] = Math.max(0, position[i] - 1 - random.nextInt(20));
                            job = store.updateStatus(id, JobStatus.QUEUED, position[i], null,
                                    "queue position " + position[i], now);
                            if (position[i] == 0) {
                                stage[i] = 1;
                            }
                        }
                        case 1 -> {
                            job = store.updateStatus(id, JobStatus.RUNNING, null, "instance-" + (i % 8), null, now);
                            stage[i] = 2;
                        }
                        case 2 -> {
                            job = store.updateStatus(id, JobStatus.DOWNLOADING, null, null, "1 output(s)", now);
                            stage[i] = 3;
                        }
                        case 3 -> {
                            if (random.nextInt(10) == 0) {
                                job = store.recordError(id, JobStatus.FAILED, JSON.createObjectNode()
                                        .put("exception_message", "CUDA out of memory").put("node_id", "3")
                                        .put("node_type", "KSampler"), "CUDA out of memory (node 3 KSampler)", now);
                            } else {
                                store.saveOutputs(id, List.of(output(images, i, id)));
                                job = store.updateStatus(id, JobStatus.SUCCEEDED, null, null, "saved", now);
                            }
                            stage[i] = 4;
                        }
                        default -> {
                            continue;
                        }
                    }
                    backend.publish(reads.rowOf(job));
                    events.incrementAndGet();
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- seeding ----

    private static void seedHistory(JobStore store, List<Path> images) {
        int existing = store.count(JobQuery.all());
        if (existing >= STORED) {
            return;
        }
        long start = System.nanoTime();
        Random random = new Random(1);
        Instant base = Instant.now().minus(Duration.ofDays(120));
        JobStatus[] ends = {JobStatus.SUCCEEDED, JobStatus.SUCCEEDED, JobStatus.SUCCEEDED, JobStatus.SUCCEEDED,
            JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.OUTPUTS_EXPIRED};
        for (int i = existing; i < STORED; i++) {
            Instant created = base.plusSeconds(i * 100L);
            Job job = store.create(submission(PROMPTS[i % PROMPTS.length] + ", variation " + i, i), created, null, java.time.Duration.ZERO);
            String requestId = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            store.markSubmitted(job.id(), requestId, images.get(0).getParent(), created.plusMillis(300));
            store.updateStatus(job.id(), JobStatus.RUNNING, null, "instance-" + (i % 8), null, created.plusSeconds(5));
            JobStatus end = ends[i % ends.length];
            Instant finished = created.plusSeconds(20 + random.nextInt(90));
            if (end == JobStatus.FAILED) {
                store.recordError(job.id(), end, JSON.createObjectNode().put("exception_message",
                        "Value not in list").put("node_id", "4").put("node_type", "CheckpointLoaderSimple"),
                        "Value not in list (node 4 CheckpointLoaderSimple)", finished);
            } else {
                if (end == JobStatus.SUCCEEDED) {
                    store.saveOutputs(job.id(), List.of(output(images, i, job.id())));
                }
                store.updateStatus(job.id(), end, null, null, null, finished);
            }
            if (i % 10_000 == 0 && i > existing) {
                System.out.printf("seeding: %,d jobs (%.0f s)%n", i, (System.nanoTime() - start) / 1e9);
            }
        }
        System.out.printf("seeded %,d jobs in %.0f s%n", STORED - existing, (System.nanoTime() - start) / 1e9);
    }

    private static List<Long> createLiveJobs(JobStore store) {
        // The live jobs of an earlier run are removed, so the history stays at exactly STORED jobs.
        for (Job old : store.page(JobQuery.all().withText("live-"), 0, Integer.MAX_VALUE)) {
            store.delete(old.id());
        }
        List<Long> ids = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < LIVE; i++) {
            Job job = store.create(submission(PROMPTS[i % PROMPTS.length] + ", live " + i, 1_000_000 + i),
                    now.minusSeconds(LIVE - i), null, java.time.Duration.ZERO);
            store.markSubmitted(job.id(), "live-" + job.id(), null, now);
            store.updateStatus(job.id(), JobStatus.QUEUED, LIVE - i, null, "queue position " + (LIVE - i), now);
            ids.add(job.id());
        }
        return ids;
    }

    private static JobSubmission submission(String prompt, long seed) {
        ObjectNode overrides = JSON.createObjectNode();
        overrides.putObject("6").putObject("inputs").put("text", prompt);
        overrides.putObject("3").putObject("inputs").put("seed", seed);
        JobTarget target = new JobTarget(URI.create("https://api.runcomfy.net"), ApiVersion.V1, "sdxl-turbo", null);
        return new JobSubmission(target, SubmitRequest.overrides(overrides), overrides, "txt2img.json", prompt);
    }

    private static JobOutput output(List<Path> images, int index, long jobId) {
        Path file = images.get(index % images.size());
        return new JobOutput(0, "9", "images", "https://outputs.example/" + jobId + "/" + file.getFileName(),
                file.getFileName().toString(), "", file, 1, OutputState.SAVED, null);
    }

    /** A few real PNG outputs the rows point at, so thumbnails are decoded and cached as in real use. */
    private static List<Path> sampleImages(Path folder) throws Exception {
        Files.createDirectories(folder);
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Path file = folder.resolve("output_" + i + ".png");
            if (!Files.exists(file)) {
                BufferedImage image = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(i / 24f, 0.6f, 0.9f), 512, 512,
                        Color.getHSBColor((i + 7) / 24f, 0.7f, 0.4f)));
                g.fillRect(0, 0, 512, 512);
                g.dispose();
                ImageIO.write(image, "png", file.toFile());
            }
            images.add(file);
        }
        return images;
    }

    /**
     * Shows and closes a window with the controls the main window has (table, text field, combo box, tabs,
     * icons, the AtlantaFX theme), so "table shown" measures the monitor, not the JVM's first window.
     */
    private static void warmUp() throws Exception {
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            javafx.application.Application.setUserAgentStylesheet(
                    app.comfydesk.ui.common.Theme.LIGHT.userAgentStylesheet());
            TableView<String> table = new TableView<>(javafx.collections.FXCollections.observableArrayList("a", "b"));
            javafx.scene.control.TableColumn<String, String> column = new javafx.scene.control.TableColumn<>("x");
            column.setCellValueFactory(cell -> new javafx.beans.property.SimpleStringProperty(cell.getValue()));
            table.getColumns().add(column);
            javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(new atlantafx.base.controls.CustomTextField(),
                    new javafx.scene.control.ComboBox<String>(), new javafx.scene.control.TabPane(
                    new javafx.scene.control.Tab("t")), new org.kordamp.ikonli.javafx.FontIcon(
                    org.kordamp.ikonli.feather.Feather.X), new javafx.scene.control.SplitPane(), table);
            Stage stage = new Stage();
            stage.setScene(new Scene(box, 400, 300));
            stage.show();
            shown.complete(stage);
        });
        Stage stage = shown.get(30, TimeUnit.SECONDS);
        Thread.sleep(500);
        Platform.runLater(stage::close);
    }

    // ---- measuring ----

    /** Runs on the FX thread and waits for it. */
    static void onFx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            action.run();
            done.complete(null);
        });
        done.get(5, TimeUnit.SECONDS);
    }

    private static long fxThreadId() throws Exception {
        CompletableFuture<Long> id = new CompletableFuture<>();
        Platform.runLater(() -> id.complete(Thread.currentThread().getId()));
        return id.get(5, TimeUnit.SECONDS);
    }

    private static long usedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static DesktopIntegration noDesktop() {
        return new DesktopIntegration() {
            @Override
            public void open(Path file) {
            }

            @Override
            public void showInFolder(Path file) {
            }
        };
    }

    /**
     * Times each pulse on the FX thread: from the first pulse listener (before the scenes' CSS and layout) to the
     * post-pulse listener, plus the gaps between animation frames, which include everything else the FX thread did
     * (event handlers, bridge drains, animations).
     */
    static final class PulseProbe {
        private final List<Double> pulses = new ArrayList<>();
        private final List<Double> pulseCpu = new ArrayList<>();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private long pulseStart;
        private long pulseCpuStart;
        private long lastFrame;
        private long lastFrameCpu;
        private double longestGap;
        private double longestGapCpu;
        // A pulse runs the animations (AnimationTimers, Timelines) first, then the stage and scene pulse listeners
        // (CSS, layout, sync to the renderer): it starts at whichever of the two probes comes first.
        private final com.sun.javafx.tk.TKPulseListener before = this::begin;
        private final com.sun.javafx.tk.TKPulseListener after = () -> {
            if (pulseStart != 0) {
                pulses.add((System.nanoTime() - pulseStart) / 1e6);
                pulseCpu.add((threads.getCurrentThreadCpuTime() - pulseCpuStart) / 1e6);
                pulseStart = 0;
            }
        };
        private final AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                begin();
                long cpu = threads.getCurrentThreadCpuTime();
                if (lastFrame != 0 && (now - lastFrame) / 1e6 > longestGap) {
                    longestGap = (now - lastFrame) / 1e6;
                    // How much of that gap the FX thread spent working, as opposed to waiting for a CPU or a pulse.
                    longestGapCpu = (cpu - lastFrameCpu) / 1e6;
                }
                lastFrame = now;
                lastFrameCpu = cpu;
            }
        };

        private void begin() {
            if (pulseStart == 0) {
                pulseStart = System.nanoTime();
                pulseCpuStart = threads.getCurrentThreadCpuTime();
            }
        }

        /** The longest pulse counted in FX-thread CPU time: the work itself, without waits for a busy CPU. */
        double longestCpu() {
            return pulseCpu.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        void install() throws Exception {
            onFx(() -> {
                com.sun.javafx.tk.Toolkit.getToolkit().addStageTkPulseListener(before);
                com.sun.javafx.tk.Toolkit.getToolkit().addPostSceneTkPulseListener(after);
                frames.start();
            });
        }

        void remove() throws Exception {
            onFx(() -> {
                com.sun.javafx.tk.Toolkit.getToolkit().removeStageTkPulseListener(before);
                com.sun.javafx.tk.Toolkit.getToolkit().removePostSceneTkPulseListener(after);
                frames.stop();
            });
        }

        int count() {
            return pulses.size();
        }

        double longest() {
            return pulses.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        double percentile(double p) {
            List<Double> sorted = new ArrayList<>(pulses);
            sorted.sort(null);
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p));
        }

        double longestGap() {
            return longestGap;
        }

        double longestGapCpu() {
            return longestGapCpu;
        }
    }
}
