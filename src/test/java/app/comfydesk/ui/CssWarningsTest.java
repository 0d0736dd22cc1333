package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.ui.common.Theme;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileClients;
import app.comfydesk.ui.settings.ProfileDraft;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16 item 12: showing the main window (form, job monitor with its offline banner, gallery, status bar) logs no
 * CSS warning ("Could not resolve '-color-…'", "Caught … while converting value for '-fx-background-color'") in the
 * light theme or the dark theme, and our stylesheets use only colours both themes define.
 */
@ExtendWith(ApplicationExtension.class)
class CssWarningsTest {

    /** JavaFX's CSS engine logs through this logger (java.util.logging unless another System.Logger is set). */
    private static final Logger CSS_LOGGER = Logger.getLogger("javafx.css");

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record.getMessage()
                        + (record.getParameters() == null ? "" : " " + List.of(record.getParameters())));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private StudioFixture fixture;
    private JobStore store;
    private JobEngine engine;

    @Start
    void start(Stage stage) throws Exception {
        CSS_LOGGER.addHandler(capture);
        fixture = new StudioFixture(stage);
        store = JobStore.open(fixture.folder.resolve("jobs.db"));
        engine = new JobEngine(store, ProfileClients.factory(fixture.settings),
                EngineSettings.defaults(fixture.folder.resolve("outputs")));
        fixture.studio.attachEngine(engine, fixture.folder.resolve("thumbnails"));
        engine.start();
        fixture.studio.studio().loadSample();
    }

    @AfterEach
    void stop() {
        CSS_LOGGER.removeHandler(capture);
        engine.close();
        store.close();
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
    }

    @Test
    void theMainWindowWithTheOfflineBannerLogsNoCssWarningInEitherTheme(FxRobot robot) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Profile dead = new Profile(null, "Gone", "http://127.0.0.1:" + closedPort, "v1", "dep-a", null, false, null,
                null, false);
        robot.interact(() -> fixture.studio.profiles().apply(List.of(new ProfileDraft(dead, "tok", null)),
                dead.id()));
        Node banner = robot.lookup("#offlineBanner").query();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, banner::isVisible);
        pulse(robot);
        assertThat(warnings).as("light theme").isEmpty();

        robot.interact(() -> fixture.studio.themes().setTheme(Theme.DARK));
        pulse(robot);
        assertThat(warnings).as("dark theme").isEmpty();
    }

    /**
     * Every looked-up colour our stylesheets use is one both AtlantaFX themes define: a name the theme lacks is what
     * makes JavaFX log "Could not resolve" and draw nothing. (A fallback cannot live in our stylesheets: an author
     * {@code .root} rule would override the theme's value and break the other theme.)
     */
    @Test
    void everyLookedUpColourInOurStylesheetsIsDefinedByBothThemes() throws Exception {
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (String sheet : List.of("/app/comfydesk/ui/monitor.css", "/app/comfydesk/ui/comfydesk.css")) {
            try (var in = getClass().getResourceAsStream(sheet)) {
                String css = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .replaceAll("(?s)/\\*.*?\\*/", "");
                java.util.regex.Matcher names = java.util.regex.Pattern.compile("-color-[a-z0-9-]+").matcher(css);
                while (names.find()) {
                    used.add(names.group());
                }
                java.util.regex.Matcher own = java.util.regex.Pattern.compile("(-color-[a-z0-9-]+)\\s*:")
                        .matcher(css);
                while (own.find()) {
                    used.remove(own.group(1)); // defined by us, e.g. a scoped override
                }
            }
        }
        assertThat(used).isNotEmpty();
        for (String theme : List.of("/atlantafx/base/theme/primer-light.css",
                "/atlantafx/base/theme/primer-dark.css")) {
            String css;
            try (var in = atlantafx.base.theme.PrimerLight.class.getResourceAsStream(theme)) {
                css = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            java.util.Set<String> defined = new java.util.HashSet<>();
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("(-color-[a-z0-9-]+)\\s*:").matcher(css);
            while (names.find()) {
                defined.add(names.group(1));
            }
            assertThat(used).as("colours %s does not define", theme).allMatch(defined::contains);
        }
    }

    private static void pulse(FxRobot robot) {
        robot.interact(() -> robot.listTargetWindows().forEach(window -> {
            if (window.getScene() != null) {
                window.getScene().getRoot().applyCss();
                window.getScene().getRoot().layout();
            }
        }));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
