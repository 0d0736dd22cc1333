package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.Theme;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole app as a user starts it (the composition root, not a fixture): the window opens, fills in with the
 * studio, starts the built-in sandbox for a newcomer and loads its sample; a returning user's theme is applied from
 * the first frame.
 */
class ComfyDeskAppStartTest {

    @TempDir
    Path home;

    private Stage stage;
    private Application app;

    @BeforeEach
    void toolkit() throws Exception {
        System.setProperty("comfydesk.home", home.toString());
        FxToolkit.registerPrimaryStage();
        // A stage of its own: the app installs close and hide handlers that other tests' primary stage must not get.
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
    void aNewcomerGetsTheStudioOnTheSandboxWithItsSampleLoaded() throws Exception {
        app = FxToolkit.setupApplication(ComfyDeskApp.class);

        waitFor("the sample's prompt in the form", () -> find("#prompt-6-text") instanceof TextArea);
        assertThat(stage.getTitle()).isEqualTo("sample-txt2img.json — ComfyDesk");
        assertThat(find("#mainWindow")).isNotNull();
        assertThat(find("#startupSkeleton")).isNull();
        assertThat(((TextArea) find("#prompt-6-text")).getText()).isNotBlank();
        // The engine starts a frame after the form is drawn (start-up order): wait for it, and for its database.
        waitFor("the engine to be ready with its job database", () -> find("#statusMessage") instanceof Label status
                && !status.getText().startsWith("Starting")
                && Files.isRegularFile(home.resolve("data").resolve("jobs.db")));
        // The sandbox is an account like any other: its deployments are read, the text-to-image one is chosen.
        waitFor("the sandbox's deployments, text-to-image chosen", () -> find("#deploymentsButton")
                instanceof javafx.scene.control.Button chip && chip.getText().equals("sample-txt2img")
                && find("#profileSelector") instanceof ComboBox<?> accounts
                && accounts.getValue() instanceof Profile active && active.sandbox());
    }

    @Test
    void aReturningUsersDarkThemeAppliesFromTheFirstFrame() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config").resolve(SettingsStore.FILE_NAME),
                "{\"version\": 1, \"profiles\": [], \"activeProfileId\": \"sandbox\", \"theme\": \"dark\"}");

        app = FxToolkit.setupApplication(ComfyDeskApp.class);

        // setupApplication returns once start() has run: the outline is up, with the dark theme already.
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.DARK.userAgentStylesheet());
        waitFor("the studio", () -> find("#workflowForm") != null);
        assertThat(stage.getScene().getRoot().getPseudoClassStates())
                .anyMatch(state -> state.getPseudoClassName().equals("dark"));
    }

    /** Looks the node up on the FX thread (the scene graph is the FX thread's). */
    @Test
    void aReturningSandboxUserGetsTheirLastSampleOnItsOwnDeployment() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config").resolve(SettingsStore.FILE_NAME), "{\"version\": 1, \"profiles\": [],"
                + " \"activeProfileId\": \"sandbox\", \"lastWorkflow\": \"sample:sample-image-edit\"}");

        app = FxToolkit.setupApplication(ComfyDeskApp.class);

        waitFor("the image-edit sample on the sandbox's image-edit deployment", () ->
                find("#profileSelector") instanceof ComboBox<?> profiles
                        && profiles.getValue() instanceof Profile active && active.sandbox()
                        && active.deploymentId().equals("sample-image-edit"));
        assertThat(stage.getTitle()).startsWith("sample-image-edit.json");
    }

    @Test
    void aDeploymentOpenAtQuitIsOpenedAgainFromItsStoredWorkflow() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config").resolve(SettingsStore.FILE_NAME), "{\"version\": 2, "
                + "\"activeProfileId\": \"sandbox\", \"lastWorkflow\": \"deployment:sandbox:sample-image-edit\"}");

        app = FxToolkit.setupApplication(ComfyDeskApp.class);

        waitFor("the image-edit deployment's stored workflow", () -> stage.getTitle() != null
                && stage.getTitle().startsWith("Deployment: sample-image-edit (v"));
        assertThat(find("#profileSelector") instanceof ComboBox<?> accounts
                && accounts.getValue() instanceof Profile active && active.deploymentId().equals("sample-image-edit"))
                .isTrue();
    }

    private Node find(String selector) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> stage.getScene() == null ? null
                : stage.getScene().getRoot().lookup(selector)).get(5, TimeUnit.SECONDS);
    }

    private static void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }
}
