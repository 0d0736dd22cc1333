package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileDraft;
import app.comfydesk.ui.workflow.SandboxSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** On the built-in sandbox, Overrides go to the deployment that runs the shown graph (see StudioBaselineTest). */
@ExtendWith(ApplicationExtension.class)
class StudioSandboxGraphTest {

    private static final String FLUX =
            "workflows/api/SaladTechnologies__comfyui-api__example-workflows_flux_txt2img.json";
    private static final Profile REMOTE = new Profile(null, "Studio", Profile.DEFAULT_BASE_URL, "v1", "dep-a", null,
            false, null, null, false);
    private StudioFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new StudioFixture(stage);
    }

    private StudioWindow studio() {
        return fixture.studio;
    }

    /** A RunComfy profile, active (call on the FX thread). */
    private void useRemoteProfile() {
        studio().profiles().apply(List.of(new ProfileDraft(REMOTE, "tok", null)), REMOTE.id());
    }

    @Test
    void switchingToTheSandboxWithASampleOpenTargetsThatSamplesDeployment(FxRobot robot) {
        robot.interact(() -> {
            useRemoteProfile();
            studio().profiles().addSandbox(Profile.sandbox("http://127.0.0.1:9", "sample-txt2img"), "tok", false);
            studio().studio().loadSample(SandboxSample.IMAGE_EDIT);
        });
        assertThat(studio().profiles().getActive()).isEqualTo(REMOTE);

        robot.interact(() -> studio().profiles().select(studio().profiles().sandboxProfile().orElseThrow()));

        assertThat(studio().profiles().getActive().sandbox()).isTrue();
        assertThat(studio().profiles().getActive().deploymentId()).isEqualTo("sample-image-edit");
        assertThat(studio().submit().overridesMismatchProperty().get()).isNull();
    }

    @Test
    void aCopyOfASampleOpenedFromDiskAlsoFindsItsDeployment(FxRobot robot) throws Exception {
        Path copy = fixture.folder.resolve("my-edit.json");
        try (var in = getClass().getResourceAsStream("/assets/workflows/sample-image-edit.json")) {
            Files.copy(in, copy);
        }
        robot.interact(() -> {
            studio().profiles().addSandbox(Profile.sandbox("http://127.0.0.1:9", "sample-txt2img"), "tok", true);
            studio().studio().open(copy);
        });

        assertThat(studio().profiles().getActive().deploymentId()).isEqualTo("sample-image-edit");
        assertThat(studio().submit().overridesMismatchProperty().get()).isNull();
    }

    @Test
    void realDeploymentsGetNoHintSinceTheirGraphIsUnknown(FxRobot robot) {
        robot.interact(() -> {
            useRemoteProfile();
            studio().studio().open(StudioFixture.corpus().resolve(FLUX));
        });

        assertThat(studio().submit().overridesMismatchProperty().get()).isNull();
    }
}
