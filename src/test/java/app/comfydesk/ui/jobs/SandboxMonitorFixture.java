package app.comfydesk.ui.jobs;

import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.ClientFactory;
import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.JobSubmission;
import app.comfydesk.jobs.JobTarget;
import app.comfydesk.jobs.PollSchedule;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.ErrorMessages;
import app.comfydesk.ui.common.ThreadPoolBackgroundExecutor;
import app.comfydesk.ui.gallery.DesktopIntegration;
import app.comfydesk.ui.gallery.GalleryView;
import app.comfydesk.ui.gallery.GalleryViewModel;
import app.comfydesk.ui.gallery.OutputActions;
import app.comfydesk.ui.gallery.ThumbnailCache;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.geometry.Orientation;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/**
 * The monitor wired as the app wires it, over a real sandbox server, job store and engine, for TestFX tests,
 * screenshots and the benchmark's live part. One worker and short simulated queue/run times make every state
 * visible.
 */
final class SandboxMonitorFixture implements AutoCloseable {

    static final PollSchedule FAST_POLLS = new PollSchedule(Duration.ofMillis(80), Duration.ofMillis(120),
            Duration.ofSeconds(60), Duration.ofMillis(120), Duration.ZERO, Duration.ofMillis(300),
            Duration.ofMillis(800));
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path home;
    final SandboxServer sandbox;
    final JobStore store;
    final List<Runnable> closers = new ArrayList<>();
    final BackgroundExecutor background = new ThreadPoolBackgroundExecutor(new ErrorMessages());
    final ThumbnailCache thumbnails;
    JobEngine engine;
    EngineJobBackend backend;
    GalleryViewModel gallery;
    JobMonitorViewModel model;
    JobMonitorView view;
    GalleryView galleryView;

    SandboxMonitorFixture(Path home, Duration queueTime, Duration runTime) throws IOException {
        this.home = home;
        this.sandbox = SandboxServer.start(SandboxConfig.forTests(home.resolve("sandbox")).workers(1)
                .queueTime(queueTime).runTime(runTime).build());
        this.store = JobStore.open(home.resolve("data").resolve("jobs.db"));
        this.thumbnails = new ThumbnailCache(home.resolve("data").resolve("thumbnails"));
    }

    /** A new engine over the same store (a fresh start of the app), not yet started. */
    JobEngine newEngine() {
        engine = new JobEngine(store, ClientFactory.withTokens(profile -> sandbox.token()),
                EngineSettings.defaults(home.resolve("outputs")).withSchedule(FAST_POLLS));
        backend = new EngineJobBackend(engine, () -> "sandbox", (profile, request) -> request);
        return engine;
    }

    /** Builds the monitor and gallery views (as ComfyDeskApp does) and shows them in the TestFX stage. */
    void showViews() throws Exception {
        FxToolkit.setupStage(stage -> {
            gallery = new GalleryViewModel(thumbnails, new OutputActions(background, recordingDesktop()),
                    new StoreOutputMarks(store), background);
            model = new JobMonitorViewModel(backend, background, gallery);
            view = new JobMonitorView(model, thumbnails);
            galleryView = new GalleryView(gallery, background);
            SplitPane split = new SplitPane(view, galleryView);
            split.setOrientation(Orientation.VERTICAL);
            javafx.scene.layout.BorderPane root = new javafx.scene.layout.BorderPane(split);
            root.setBottom(new StatusBarView(model));
            Scene scene = new Scene(root, 1260, 780);
            javafx.application.Application.setUserAgentStylesheet(
                    app.comfydesk.ui.common.Theme.LIGHT.userAgentStylesheet());
            stage.setScene(scene);
            stage.show();
            model.start();
        });
    }

    final List<java.nio.file.Path> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    private DesktopIntegration recordingDesktop() {
        return new DesktopIntegration() {
            @Override
            public void open(Path file) {
                opened.add(file);
            }

            @Override
            public void showInFolder(Path file) {
                opened.add(file);
            }
        };
    }

    JobTarget target() {
        return new JobTarget(sandbox.baseUri(), ApiVersion.V1, "sample-txt2img", "sandbox");
    }

    /** Submits the sample with this prompt and seed; completes when the server took it. */
    Job submit(String prompt, long seed) throws Exception {
        ObjectNode overrides = JSON.createObjectNode();
        overrides.putObject("6").putObject("inputs").put("text", prompt);
        overrides.putObject("3").putObject("inputs").put("seed", seed);
        return engine.submit(new JobSubmission(target(), SubmitRequest.overrides(overrides), overrides.deepCopy(),
                "sample-txt2img.json", prompt).withSeed(Long.toUnsignedString(seed))).get(20, TimeUnit.SECONDS);
    }

    Job submit(ObjectNode overrides, String prompt) throws Exception {
        return engine.submit(new JobSubmission(target(), SubmitRequest.overrides(overrides), overrides.deepCopy(),
                "sample-txt2img.json", prompt)).get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (engine != null) {
            engine.close();
        }
        closers.forEach(Runnable::run);
        FxToolkit.setupStage(Stage::hide);
        background.close();
        thumbnails.close();
        sandbox.close();
        store.close();
    }

    static Path freshHome(String name) throws IOException {
        Path root = Path.of(System.getenv().getOrDefault("COMFYDESK_HOME", "target/test-home"));
        Files.createDirectories(root);
        return Files.createTempDirectory(root, name);
    }
}
