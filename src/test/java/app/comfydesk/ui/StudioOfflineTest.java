package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileClients;
import app.comfydesk.ui.settings.ProfileDraft;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16 item 3: a profile whose server does not answer is shown offline (chip, status bar, banner) as soon as it
 * is active, before any job; the state is per profile, so switching to a reachable one clears it.
 */
@ExtendWith(ApplicationExtension.class)
class StudioOfflineTest {

    private StudioFixture fixture;
    private SandboxServer sandbox;
    private JobStore store;
    private JobEngine engine;
    private Profile dead;

    @Start
    void start(Stage stage) throws Exception {
        fixture = new StudioFixture(stage);
        sandbox = SandboxServer.start(SandboxConfig.forTests(fixture.folder.resolve("sandbox")).build());
        store = JobStore.open(fixture.folder.resolve("jobs.db"));
        engine = new JobEngine(store, ProfileClients.factory(fixture.settings),
                EngineSettings.defaults(fixture.folder.resolve("outputs")));
        fixture.studio.attachEngine(engine, fixture.folder.resolve("thumbnails"));
        engine.start();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        dead = new Profile(null, "Gone", "http://127.0.0.1:" + closedPort, "v1", "dep-a", null, false, null, null,
                false);
        fixture.studio.profiles().addSandbox(Profile.sandbox(sandbox.baseUri().toString(), "sample-txt2img"),
                sandbox.token(), true);
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
        sandbox.close();
    }

    @Test
    void anUnreachableProfileIsOfflineBeforeAnyJobAndOnlyWhileActive(FxRobot robot) throws Exception {
        Node banner = robot.lookup("#offlineBanner").query();
        Label status = robot.lookup("#connectionLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("connected"));
        assertThat(banner.isVisible()).isFalse();

        robot.interact(() -> fixture.studio.profiles().apply(List.of(new ProfileDraft(dead, "tok", null)),
                dead.id()));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, banner::isVisible);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.count(JobQuery.all())).as("no job was needed").isZero();
        assertThat(status.getText()).startsWith("offline · 127.0.0.1");
        assertThat(robot.lookup("#offlineBanner .label").queryAs(Label.class).getText())
                .startsWith("Offline — cannot reach 127.0.0.1");
        assertThat(robot.lookup(".profile-selector .profile-chip-dot").<Node>queryAll())
                .anySatisfy(dot -> assertThat(((Node) dot).getStyleClass()).contains("offline"));
        assertThat(fixture.studio.profileSelector().combo().getTooltip().getText()).startsWith("Offline");

        // Back to the sandbox, which answers: nothing says offline any more.
        robot.interact(() -> fixture.studio.profiles().select(fixture.studio.profiles().sandboxProfile()
                .orElseThrow()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !banner.isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status.getText()).startsWith("connected");
        assertThat(robot.lookup(".profile-selector .profile-chip-dot").<Node>queryAll())
                .allSatisfy(dot -> assertThat(((Node) dot).getStyleClass()).doesNotContain("offline"));
    }
}
