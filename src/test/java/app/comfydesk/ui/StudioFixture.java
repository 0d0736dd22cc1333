package app.comfydesk.ui;

import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import app.comfydesk.ui.common.Theme;
import app.comfydesk.ui.common.ThemeManager;
import app.comfydesk.ui.settings.InMemorySecretStore;
import app.comfydesk.ui.settings.SettingsService;
import app.comfydesk.ui.settings.SettingsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;

/** The studio window as the app builds it, with a same-thread executor and a fresh config folder per test. */
public final class StudioFixture {

    public final Path folder;
    public final SettingsService settings;
    public final StudioWindow studio;
    public final AtomicReference<Theme> savedTheme = new AtomicReference<>();

    public StudioFixture(Stage stage) {
        this(stage, new SameThreadBackgroundExecutor(ComfyDeskApp.errorMessages()));
    }

    /** With the given executor: scripted for race tests, a real pool for tests about threads. */
    public StudioFixture(Stage stage, app.comfydesk.ui.common.BackgroundExecutor executor) {
        try {
            Path root = Path.of(System.getenv().getOrDefault("COMFYDESK_HOME", "target/test-home"));
            Files.createDirectories(root);
            folder = Files.createTempDirectory(root, "studio");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings = new SettingsService(new SettingsStore(folder.resolve("config")), new InMemorySecretStore(),
                executor);
        ThemeManager themes = new ThemeManager(Theme.LIGHT, savedTheme::set);
        studio = new StudioWindow(settings, executor, folder.resolve("config"), themes,
                (profile, token) -> "Connected (test)");
        // Tests stay on loopback: a profile pointing at RunComfy itself gets "unknown" instead of a real request.
        studio.submit().baseline().setFetcher(StudioFixture::loopbackOnly);
        studio.balance().setFetcher((baseUrl, token) -> {
            if (!isLoopback(baseUrl)) {
                throw new app.comfydesk.api.ApiException(0, null, "tests do not leave this machine", null, null);
            }
            return app.comfydesk.ui.jobs.BalanceModel.overHttp(baseUrl, token);
        });
        stage.setScene(studio.createScene(1200, 780));
        stage.show();
    }

    /** With -Dsnapshot.dir=..., saves a picture of the node (Scene.snapshot), for looking at states tests reach. */
    public static void snapshotIfAsked(org.testfx.api.FxRobot robot, javafx.scene.Node node, String name) {
        String folder = System.getProperty("snapshot.dir");
        if (folder == null) {
            return;
        }
        javafx.scene.image.WritableImage[] image = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> image[0] = node.snapshot(null, null));
        try {
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image[0], null), "png",
                    Path.of(folder, name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static app.comfydesk.api.Deployment loopbackOnly(app.comfydesk.ui.settings.Profile profile, String token,
            boolean withPayload) throws Exception {
        if (!isLoopback(profile.baseUrl())) {
            throw new app.comfydesk.api.ApiException(0, null, "tests do not leave this machine", null, null);
        }
        return app.comfydesk.ui.workflow.DeploymentBaseline.overHttp(profile, token, withPayload);
    }

    private static boolean isLoopback(String baseUrl) {
        String host = java.net.URI.create(baseUrl.strip()).getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host);
    }

    public static Path corpus() {
        return Path.of(System.getProperty("comfydesk.corpus", "../shared/corpus"));
    }
}
