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
        studio = newStudio(settings, executor, folder.resolve("config"), themes);
        stage.setScene(studio.createScene(1200, 780));
        stage.show();
    }

    /**
     * A studio as the app builds it, kept on loopback: a profile pointing at RunComfy itself gets "unknown" instead
     * of a real request, and calls to a placeholder server (127.0.0.1:9) are refused at once, without the product's
     * retries: with a same-thread executor each retried call held the FX thread for seconds in every test.
     */
    public static StudioWindow newStudio(SettingsService settings, app.comfydesk.ui.common.BackgroundExecutor executor,
            Path config, ThemeManager themes) {
        app.comfydesk.ui.deployments.ApiDeploymentSource api = new app.comfydesk.ui.deployments.ApiDeploymentSource(
                config.resolve("object-info"), app.comfydesk.api.RetryPolicy.none());
        StudioWindow studio = new StudioWindow(new app.comfydesk.ui.common.MainWindow(), settings, executor, config, themes,
                (profile, token) -> "Connected (test)", new LoopbackDeployments(api));
        studio.submit().baseline().setFetcher(StudioFixture::loopbackOnly);
        studio.balance().setFetcher((baseUrl, token) -> {
            if (!isLoopback(baseUrl)) {
                throw new app.comfydesk.api.ApiException(0, null, "tests do not leave this machine", null, null);
            }
            return app.comfydesk.ui.jobs.BalanceModel.overHttp(baseUrl, token);
        });
        return studio;
    }

    /** The deployments browser's source, refusing any host but loopback. */
    private record LoopbackDeployments(app.comfydesk.ui.deployments.DeploymentSource api)
            implements app.comfydesk.ui.deployments.DeploymentSource {

        @Override
        public java.util.List<app.comfydesk.api.Deployment> list(app.comfydesk.ui.settings.Profile account,
                String token) throws Exception {
            return api.list(onLoopback(account), token);
        }

        @Override
        public app.comfydesk.api.Deployment get(app.comfydesk.ui.settings.Profile account, String token,
                String deploymentId) throws Exception {
            return api.get(onLoopback(account), token, deploymentId);
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode objectInfo(app.comfydesk.ui.settings.Profile account,
                String token, app.comfydesk.api.Deployment deployment) throws Exception {
            return api.objectInfo(onLoopback(account), token, deployment);
        }

        private static app.comfydesk.ui.settings.Profile onLoopback(app.comfydesk.ui.settings.Profile account)
                throws app.comfydesk.api.ApiException {
            if (!isLoopback(account.baseUrl())) {
                throw new app.comfydesk.api.ApiException(0, null, "tests do not leave this machine", null, null);
            }
            return account;
        }
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
        return app.comfydesk.ui.workflow.DeploymentBaseline.overHttp(profile, token, withPayload,
                app.comfydesk.api.RetryPolicy.none());
    }

    private static boolean isLoopback(String baseUrl) {
        String host = java.net.URI.create(baseUrl.strip()).getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host);
    }

    public static Path corpus() {
        return Path.of(System.getProperty("comfydesk.corpus", "../shared/corpus"));
    }
}
