package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16 item 13, the whole app on a fresh data folder: the first window gets its own size (1440×900 on the
 * 1600×1000 headless screen), not the stage's 900×600 minimum. Window managers that drop a size set before the
 * window maps (JavaFX 21's GTK glass, JDK-8316423) are not in Monocle; {@code FirstWindowBounds.keepWhenShown} was
 * checked under Xvfb with openbox, and {@code FirstWindowBoundsTest} checks the size chosen for small screens.
 */
class FirstWindowSizeTest {

    @TempDir
    Path home;

    private Stage stage;
    private Application app;

    @BeforeEach
    void toolkit() throws Exception {
        System.setProperty("comfydesk.home", home.toString());
        FxToolkit.registerPrimaryStage();
        stage = FxToolkit.registerStage(Stage::new);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
            }
            FxToolkit.cleanupStages();
        } finally {
            System.clearProperty("comfydesk.home");
        }
    }

    @Test
    void aFreshStartOpensAtTheFirstWindowSizeNotTheMinimum() throws Exception {
        app = FxToolkit.setupApplication(ComfyDeskApp.class);
        // The start finishes first (a cold FX thread builds the studio for seconds), and so that the app is not
        // stopped mid-start: work the start still posts (the job list's first refresh) would reach a shut executor.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                stage.getScene().getRoot().lookup("#statusMessage") instanceof Label status
                        && !status.getText().startsWith("Starting")).get());

        double[] screenAndWindow = WaitForAsyncUtils.asyncFx(() -> new double[] {
            Screen.getPrimary().getVisualBounds().getWidth(), Screen.getPrimary().getVisualBounds().getHeight(),
            stage.getWidth(), stage.getHeight()}).get(30, TimeUnit.SECONDS);
        assertThat(screenAndWindow).as("screen width, height; window width, height")
                .containsExactly(1600, 1000, 1440, 900);
    }
}
