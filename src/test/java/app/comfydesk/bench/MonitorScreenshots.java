package app.comfydesk.bench;

import app.comfydesk.ui.jobs.EngineJobBackend;
import app.comfydesk.ui.jobs.JobMonitorView;
import app.comfydesk.ui.jobs.JobMonitorViewModel;
import app.comfydesk.ui.jobs.JobRow;
import app.comfydesk.ui.jobs.StatusBarView;

import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobOutput;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.JobSubmission;
import app.comfydesk.jobs.JobTarget;
import app.comfydesk.jobs.OutputState;
import app.comfydesk.ui.common.ErrorMessages;
import app.comfydesk.ui.common.ThreadPoolBackgroundExecutor;
import app.comfydesk.ui.gallery.CompareMode;
import app.comfydesk.ui.gallery.DesktopIntegration;
import app.comfydesk.ui.gallery.GalleryView;
import app.comfydesk.ui.gallery.GalleryViewModel;
import app.comfydesk.ui.gallery.OutputActions;
import app.comfydesk.ui.gallery.ThumbnailCache;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Renders the documentation screenshots of the job monitor and the viewer from a job store holding jobs in every
 * state (no network). Run under Xvfb:
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1000x24" mvn -q -Pbench -Dbench=MonitorScreenshots -Dexec.args="docs light" test-compile exec:java
 * </pre>
 * The arguments are the output folder and the theme (light or dark).
 */
public final class MonitorScreenshots {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MonitorScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs").toAbsolutePath();
        String theme = args.length > 1 ? args[1] : "light";
        Path home = Files.createTempDirectory("comfydesk-shots");
        Path images = home.resolve("outputs");
        JobStore store = JobStore.open(home.resolve("jobs.db"));
        seed(store, images);
        JobEngine engine = new JobEngine(store, target -> {
            throw new IllegalStateException("screenshots make no API calls");
        }, EngineSettings.defaults(images));
        EngineJobBackend backend = new EngineJobBackend(engine, () -> "api.runcomfy.net", (profile, request) -> request);

        Platform.startup(() -> { });
        ThreadPoolBackgroundExecutor background = new ThreadPoolBackgroundExecutor(new ErrorMessages());
        ThumbnailCache thumbnails = new ThumbnailCache(home.resolve("thumbnails"));
        CompletableFuture<Scene> ready = new CompletableFuture<>();
        GalleryViewModel[] gallery = new GalleryViewModel[1];
        JobMonitorViewModel[] model = new JobMonitorViewModel[1];
        GalleryView[] galleryView = new GalleryView[1];
        Platform.runLater(() -> {
            javafx.application.Application.setUserAgentStylesheet("dark".equals(theme)
                    ? app.comfydesk.ui.common.Theme.DARK.userAgentStylesheet()
                    : app.comfydesk.ui.common.Theme.LIGHT.userAgentStylesheet());
            gallery[0] = new GalleryViewModel(thumbnails, new OutputActions(background, new DesktopIntegration() {
                @Override
                public void open(Path file) {
                }

                @Override
                public void showInFolder(Path file) {
                }
            }));
            model[0] = new JobMonitorViewModel(backend, background, gallery[0]);
            JobMonitorView view = new JobMonitorView(model[0], thumbnails);
            galleryView[0] = new GalleryView(gallery[0], background);
            SplitPane split = new SplitPane(view, galleryView[0]);
            split.setOrientation(Orientation.VERTICAL);
            split.setDividerPositions(0.56);
            javafx.scene.layout.BorderPane root = new javafx.scene.layout.BorderPane(split);
            root.setBottom(new StatusBarView(model[0]));
            root.getBottom().getStyleClass().add("status-bar");
            Scene scene = new Scene(root, 1560, 960);
            Stage stage = new Stage();
            stage.setTitle("ComfyDesk — jobs");
            stage.setScene(scene);
            stage.show();
            model[0].start();
            ready.complete(scene);
        });
        Scene scene = ready.get(30, TimeUnit.SECONDS);
        SplitPane split = (SplitPane) ((javafx.scene.layout.BorderPane) scene.getRoot()).getCenter();
        fx(() -> split.setDividerPositions(0.84)); // the job table shot shows every row
        Thread.sleep(2500);
        // Select the failed job so the details pane shows a readable error.
        selectFirst(scene, model[0], JobStatus.FAILED);
        Thread.sleep(1500);
        fx(() -> ((javafx.scene.control.TitledPane) scene.lookup("#tracebackPane")).setExpanded(true));
        Thread.sleep(800);
        snapshot(scene, docs.resolve("jobs-table" + suffix(theme) + ".png"));

        // The viewer: a finished job's outputs, zoomed in around a point.
        fx(() -> split.setDividerPositions(0.5));
        selectFirst(scene, model[0], JobStatus.SUCCEEDED);
        Thread.sleep(1500);
        fx(() -> galleryView[0].viewer().imageViewer().zoom(1.6));
        Thread.sleep(800);
        snapshot(scene, docs.resolve("viewer" + suffix(theme) + ".png"));

        // Compare: recent outputs, two seeds side by side, then the A/B slider.
        fx(() -> {
            ((TableView<?>) scene.lookup("#jobTable")).getSelectionModel().clearSelection();
            model[0].showRecentOutputs();
        });
        Thread.sleep(1200);
        fx(() -> {
            gallery[0].selectedProperty().set(gallery[0].outputs().get(0));
            gallery[0].compare(gallery[0].outputs().get(1));
        });
        Thread.sleep(1500);
        snapshot(scene, docs.resolve("viewer-compare" + suffix(theme) + ".png"));
        fx(() -> {
            gallery[0].compareModeProperty().set(CompareMode.SLIDER);
            galleryView[0].viewer().imageViewer().splitProperty().set(0.42);
        });
        Thread.sleep(1200);
        snapshot(scene, docs.resolve("viewer-ab" + suffix(theme) + ".png"));
        Platform.exit();
        background.close();
        thumbnails.close();
        store.close();
        System.exit(0);
    }

    private static void selectFirst(Scene scene, JobMonitorViewModel model, JobStatus phase) throws Exception {
        fx(() -> {
            TableView<?> table = (TableView<?>) scene.lookup("#jobTable");
            for (int i = 0; i < model.rows().size(); i++) {
                JobRow row = model.rows().get(i).row();
                if (row != null && row.phase() == phase) {
                    table.getSelectionModel().clearAndSelect(i);
                    return;
                }
            }
        });
    }

    private static String suffix(String theme) {
        return "dark".equals(theme) ? "-dark" : "";
    }

    private static void fx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(10, TimeUnit.SECONDS);
    }

    private static void snapshot(Scene scene, Path file) throws Exception {
        CompletableFuture<javafx.scene.image.WritableImage> image = new CompletableFuture<>();
        Platform.runLater(() -> image.complete(scene.snapshot(null)));
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(10, TimeUnit.SECONDS), null), "png", file.toFile());
        System.out.println("wrote " + file);
    }

    // ---- a job history with every state ----

    private record Demo(JobStatus status, String prompt, long seed, int ageSeconds, int runSeconds,
                        Integer queuePosition) {
    }

    static void seed(JobStore store, Path outputs) throws Exception {
        Files.createDirectories(outputs);
        Instant now = Instant.now();
        List<Demo> demos = List.of(
                new Demo(JobStatus.SUCCEEDED, "futuristic cityscape at dusk, neon reflections", 11, 2400, 61, null),
                new Demo(JobStatus.SUCCEEDED, "futuristic cityscape at dusk, neon reflections", 12, 2300, 58, null),
                new Demo(JobStatus.OUTPUTS_EXPIRED, "old harbour, oil painting, warm light", 5, 2000, 44, null),
                new Demo(JobStatus.FAILED, "portrait of a fisherman, film grain", 7, 1500, 9, null),
                new Demo(JobStatus.CANCELLED, "isometric cozy library, soft light", 8, 1200, 0, null),
                new Demo(JobStatus.SUCCEEDED, "mountain lake at sunrise, mist", 21, 900, 47, null),
                new Demo(JobStatus.SUCCEEDED, "mountain lake at sunrise, mist", 22, 850, 49, null),
                new Demo(JobStatus.SUBMISSION_UNCERTAIN, "desert dunes under a violet sky", 9, 600, 0, null),
                new Demo(JobStatus.SUCCEEDED, "neon alley in the rain, cinematic", 31, 400, 52, null),
                new Demo(JobStatus.DOWNLOADING, "neon alley in the rain, cinematic", 32, 140, 70, null),
                new Demo(JobStatus.RUNNING, "snowy village at night, warm windows", 41, 95, 74, null),
                new Demo(JobStatus.QUEUED, "snowy village at night, warm windows", 42, 40, 0, 1),
                new Demo(JobStatus.QUEUED, "snowy village at night, warm windows", 43, 38, 0, 2),
                new Demo(JobStatus.SUBMITTING, "snowy village at night, warm windows", 44, 2, 0, null));
        Random random = new Random(3);
        for (Demo demo : demos) {
            Instant created = now.minusSeconds(demo.ageSeconds());
            ObjectNode overrides = JSON.createObjectNode();
            overrides.putObject("6").putObject("inputs").put("text", demo.prompt());
            overrides.putObject("3").putObject("inputs").put("seed", demo.seed()).put("steps", 28);
            JobTarget target = new JobTarget(URI.create("https://api.runcomfy.net"), ApiVersion.V1,
                    "flux-dev-txt2img", "studio");
            Job job = store.create(new JobSubmission(target, SubmitRequest.overrides(overrides), overrides,
                    "flux_txt2img.json", demo.prompt()), created, null, java.time.Duration.ZERO);
            if (demo.status() == JobStatus.SUBMITTING) {
                continue;
            }
            if (demo.status() == JobStatus.SUBMISSION_UNCERTAIN) {
                store.recordError(job.id(), JobStatus.SUBMISSION_UNCERTAIN, null, "No answer to the submit "
                        + "(read timeout): check the RunComfy dashboard before sending again", created.plusSeconds(30));
                continue;
            }
            String requestId = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            Path folder = outputs.resolve(requestId);
            store.markSubmitted(job.id(), requestId, folder, created.plusMillis(400));
            store.updateStatus(job.id(), JobStatus.QUEUED, 3, null, "queue position 3", created.plusSeconds(1));
            if (demo.status() == JobStatus.QUEUED) {
                store.updateStatus(job.id(), JobStatus.QUEUED, demo.queuePosition(), null,
                        "queue position " + demo.queuePosition(), created.plusSeconds(20));
                continue;
            }
            if (demo.status() == JobStatus.CANCELLED) {
                store.updateStatus(job.id(), JobStatus.CANCELLED, null, null, "cancelled", created.plusSeconds(12));
                continue;
            }
            store.updateStatus(job.id(), JobStatus.QUEUED, 1, null, "queue position 1", created.plusSeconds(8));
            Instant started = created.plusSeconds(15);
            store.updateStatus(job.id(), JobStatus.RUNNING, null, "i-0c3b9d7e", null, started);
            if (demo.status() == JobStatus.RUNNING) {
                continue;
            }
            Instant finished = started.plusSeconds(demo.runSeconds());
            if (demo.status() == JobStatus.FAILED) {
                ObjectNode error = JSON.createObjectNode();
                error.put("type", "execution_error");
                error.put("node_id", "31");
                error.put("node_type", "KSampler");
                error.put("exception_type", "torch.OutOfMemoryError");
                error.put("exception_message", "CUDA out of memory. Tried to allocate 2.50 GiB (GPU 0; 23.65 GiB "
                        + "total capacity; 20.91 GiB already allocated)");
                error.putArray("traceback").add("Traceback (most recent call last):\n")
                        .add("  File \"/app/ComfyUI/execution.py\", line 323, in execute\n    output_data, "
                                + "output_ui, has_subgraph = get_output_data(obj, input_data_all)\n")
                        .add("  File \"/app/ComfyUI/nodes.py\", line 1519, in sample\n    return common_ksampler("
                                + "model, seed, steps, cfg, sampler_name, scheduler, positive, negative, latent_image)\n")
                        .add("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.50 GiB\n");
                store.recordError(job.id(), JobStatus.FAILED, error,
                        "CUDA out of memory (node 31 KSampler)", finished);
                continue;
            }
            store.updateStatus(job.id(), JobStatus.DOWNLOADING, null, null, "2 output(s)", finished);
            if (demo.status() == JobStatus.DOWNLOADING) {
                continue;
            }
            if (demo.status() == JobStatus.OUTPUTS_EXPIRED) {
                store.updateStatus(job.id(), JobStatus.OUTPUTS_EXPIRED, null, null, "expired", finished.plusSeconds(2));
                continue;
            }
            Files.createDirectories(folder);
            List<JobOutput> saved = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Path file = folder.resolve("ComfyUI_" + String.format("%05d", i + 1) + "_.png");
                ImageIO.write(landscape(demo.prompt(), demo.seed() * 10 + i), "png", file.toFile());
                saved.add(new JobOutput(i, "9", "images", "https://outputs.runcomfy.net/" + requestId + "/"
                        + file.getFileName(), file.getFileName().toString(), "", file, Files.size(file),
                        OutputState.SAVED, null));
            }
            store.saveOutputs(job.id(), saved);
            store.updateStatus(job.id(), JobStatus.SUCCEEDED, null, null, "saved", finished.plusSeconds(2));
        }
    }

    /** A small procedural landscape (sky, sun, layered hills) so thumbnails and the viewer show pictures. */
    static BufferedImage landscape(String prompt, long seed) {
        Random random = new Random(seed ^ prompt.hashCode());
        int width = 1024;
        int height = 1024;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float hue = (Math.abs(prompt.hashCode()) % 360) / 360f;
        Color top = Color.getHSBColor(hue, 0.55f, 0.35f);
        Color horizon = Color.getHSBColor((hue + 0.08f) % 1, 0.45f + random.nextFloat() * 0.2f, 0.95f);
        g.setPaint(new GradientPaint(0, 0, top, 0, height * 0.65f, horizon));
        g.fillRect(0, 0, width, height);
        float sunX = 200 + random.nextInt(600);
        float sunY = 250 + random.nextInt(250);
        g.setPaint(new RadialGradientPaint(sunX, sunY, 180, new float[] {0f, 0.25f, 1f},
                new Color[] {new Color(255, 250, 220), new Color(255, 220, 150, 200), new Color(255, 200, 120, 0)}));
        g.fillOval((int) sunX - 180, (int) sunY - 180, 360, 360);
        for (int layer = 0; layer < 5; layer++) {
            float depth = layer / 4f;
            Color color = Color.getHSBColor((hue + 0.6f) % 1, 0.35f + depth * 0.2f, 0.55f - depth * 0.4f);
            Path2D ridge = new Path2D.Float();
            float base = height * (0.45f + layer * 0.11f);
            ridge.moveTo(0, height);
            ridge.lineTo(0, base);
            float y = base;
            for (int x = 0; x <= width; x += 16) {
                y += (random.nextFloat() - 0.5f) * (40 - layer * 5);
                y = Math.max(base - 140, Math.min(base + 60, y));
                ridge.lineTo(x, y);
            }
            ridge.lineTo(width, height);
            ridge.closePath();
            g.setColor(color);
            g.fill(ridge);
        }
        g.setColor(new Color(255, 255, 255, 40));
        g.setStroke(new BasicStroke(2));
        for (int i = 0; i < 40; i++) {
            int x = random.nextInt(width);
            int y = random.nextInt((int) (height * 0.35));
            g.drawLine(x, y, x + 1, y);
        }
        g.dispose();
        return image;
    }
}
