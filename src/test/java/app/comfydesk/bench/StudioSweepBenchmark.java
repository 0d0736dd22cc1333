package app.comfydesk.bench;

import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobEvent;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.PollSchedule;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import app.comfydesk.ui.ComfyDeskApp;
import app.comfydesk.ui.StudioFixture;
import app.comfydesk.ui.StudioWindow;
import app.comfydesk.ui.common.ThreadPoolBackgroundExecutor;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileClients;
import app.comfydesk.ui.sweep.SweepEditorModel;
import app.comfydesk.ui.sweep.SweepFeature;
import app.comfydesk.workflow.InputRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * A 10 × 10 sweep (100 jobs) from the studio's sweep window against the built-in sandbox, through the real engine
 * and the real grid: the time from Run until the sandbox accepted the 100th job (goal &lt; 3 s), until every cell
 * ended, and the FX pulses while the grid fills (goal: none over 50 ms of FX-thread work).
 *
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1000x24" mvn -q -Pbench -Dbench=StudioSweepBenchmark test-compile exec:java
 * </pre>
 * System properties: {@code bench.inFlight} (100: every job sent at once, the submit path measured alone),
 * {@code bench.hideStudio} (the studio window hidden: the grid's pulses alone), {@code bench.warm} (one job run
 * from the studio first, as a user who has generated before).
 */
public final class StudioSweepBenchmark {

    private static final InputRef CFG = new InputRef("3", "cfg");
    private static final InputRef STEPS = new InputRef("3", "steps");

    private StudioSweepBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int inFlight = Integer.getInteger("bench.inFlight", 100);
        Platform.startup(() -> { });
        Path home = Files.createDirectories(Path.of("target/bench-home"));
        System.setProperty("COMFYDESK_HOME", home.toString());
        ThreadPoolBackgroundExecutor executor = new ThreadPoolBackgroundExecutor(ComfyDeskApp.errorMessages());
        StudioFixture[] fixture = new StudioFixture[1];
        onFx(() -> fixture[0] = new StudioFixture(new Stage(), executor));
        Path folder = fixture[0].folder;
        SandboxServer sandbox = SandboxServer.start(SandboxConfig.forTests(folder.resolve("sandbox"))
                .runTime(Duration.ofMillis(200)).workers(4).build());
        JobStore store = JobStore.open(folder.resolve("jobs.db"));
        PollSchedule fast = new PollSchedule(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(1));
        JobEngine engine = new JobEngine(store, ProfileClients.factory(fixture[0].settings),
                EngineSettings.defaults(folder.resolve("outputs")).withSchedule(fast));
        StudioWindow studio = fixture[0].studio;
        onFx(() -> {
            studio.attachEngine(engine, folder.resolve("thumbnails"));
            studio.profiles().addSandbox(Profile.sandbox(sandbox.baseUri().toString(), "sample-txt2img"),
                    sandbox.token(), true);
            studio.studio().loadSample();
        });
        engine.start().get(10, TimeUnit.SECONDS);
        waitFor(() -> studio.form().getDocument() != null);
        // A studio that has run a job before (the usual case) has its table rows, tiles and viewer built already;
        // without it the first row the job table ever shows is built in the sweep's first pulses.
        if (Boolean.getBoolean("bench.warm")) {
            // Warm means the job's row is in the table and its picture in the recent outputs and the viewer.
            java.util.concurrent.atomic.AtomicBoolean shown = new java.util.concurrent.atomic.AtomicBoolean();
            onFx(() -> {
                var outputs = studio.monitor().gallery().outputs();
                outputs.addListener((javafx.collections.ListChangeListener<Object>) change ->
                        shown.compareAndSet(false, !change.getList().isEmpty()
                                && studio.monitor().model().rows().size() == 1));
                studio.studio().generate();
            });
            waitFor(shown::get);
        }
        onFx(() -> studio.sweepWindow().show(null, studio.themes()));
        if (Boolean.getBoolean("bench.hideStudio")) {
            onFx(() -> studio.window().root().getScene().getWindow().hide());
        }
        SweepFeature sweeps = studio.sweeps();
        onFx(() -> {
            SweepEditorModel editor = sweeps.editor();
            editor.axes().get(0).inputProperty().set(studio.form().field(CFG).orElseThrow());
            editor.axes().get(0).valuesProperty().set("1..10:1");
            editor.addAxis(studio.form().field(STEPS).orElseThrow()).orElseThrow().valuesProperty().set("11..20:1");
            editor.maxInFlightProperty().set(inFlight);
        });
        AtomicInteger accepted = new AtomicInteger();
        AtomicLong allAcceptedAt = new AtomicLong();
        engine.addListener(event -> {
            if (event instanceof JobEvent.Submitted && accepted.incrementAndGet() == 100) {
                allAcceptedAt.set(System.nanoTime());
            }
        });
        JobMonitorBenchmark.PulseProbe probe = new JobMonitorBenchmark.PulseProbe();
        probe.install();
        SceneCost studioCost = new SceneCost();
        SceneCost gridCost = new SceneCost();
        onFx(() -> {
            studioCost.install(studio.window().root().getScene());
            gridCost.install(studio.sweepWindow().root().getScene());
        });
        long start = System.nanoTime();
        onFx(sweeps::run);
        waitFor(() -> allAcceptedAt.get() != 0);
        double submittedMs = (allAcceptedAt.get() - start) / 1e6;
        CompletableFuture<Long> ended = new CompletableFuture<>();
        waitFor(() -> sweeps.grid().endedProperty().get() == 100);
        double endedMs = (System.nanoTime() - start) / 1e6;
        // A measurement window, not a wait for a condition: the last thumbnails arrive and their pulses count too.
        Thread.sleep(500);
        probe.remove();
        System.out.printf("10 × 10 sweep, %d in flight: all 100 accepted after %.0f ms, all ended after %.0f ms "
                + "(%d failed)%n", inFlight, submittedMs, endedMs, sweeps.grid().failedProperty().get());
        System.out.printf("pulses while filling: %,d, longest %.1f ms (%.1f ms of FX-thread CPU), p99 %.1f ms; "
                + "longest gap between frames %.1f ms (%.1f ms FX CPU)%n", probe.count(), probe.longest(),
                probe.longestCpu(), probe.percentile(0.99), probe.longestGap(), probe.longestGapCpu());
        System.out.printf("CSS + layout per window, longest in FX-thread CPU: studio %.1f ms, sweep window %.1f ms%n",
                studioCost.longestCpu(), gridCost.longestCpu());
        System.out.println("studio window passes over 15 ms (FX CPU, seconds after Run): " + studioCost.costly());
        ended.complete(0L);
        if (args.length > 0) {
            javafx.scene.image.WritableImage[] image = new javafx.scene.image.WritableImage[1];
            onFx(() -> image[0] = studio.sweepWindow().root().snapshot(null, null));
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image[0], null), "png",
                    Path.of(args[0]).toFile());
        }
        engine.close();
        store.close();
        sandbox.close();
        executor.close();
        Platform.exit();
        System.exit(0);
    }

    /** One scene's CSS and layout passes in FX-thread CPU time, to tell which window a long pulse belongs to. */
    private static final class SceneCost {
        private final java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        private long start;
        private double longest;
        private final java.util.List<String> costly = new java.util.ArrayList<>();
        private final long origin = System.nanoTime();

        void install(javafx.scene.Scene scene) {
            scene.addPreLayoutPulseListener(() -> start = threads.getCurrentThreadCpuTime());
            scene.addPostLayoutPulseListener(() -> {
                double ms = (threads.getCurrentThreadCpuTime() - start) / 1e6;
                longest = Math.max(longest, ms);
                if (ms > 15) {
                    costly.add(String.format("%.0f ms at %.2f s", ms, (System.nanoTime() - origin) / 1e9));
                }
            });
        }

        double longestCpu() {
            return longest;
        }

        java.util.List<String> costly() {
            return costly;
        }
    }

    /** Runs on the FX thread and waits (the first window's CSS and fonts take seconds on a busy machine). */
    private static void onFx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                .pollInterval(java.time.Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
