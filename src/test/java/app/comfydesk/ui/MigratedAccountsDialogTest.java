package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import app.comfydesk.ui.settings.AccountsDialog;
import app.comfydesk.ui.settings.InMemorySecretStore;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.ui.settings.SettingsService;
import app.comfydesk.ui.settings.SettingsStore;
import atlantafx.base.controls.PasswordTextField;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A user of the profile era opens Accounts after the update: the two profiles of one token are one account with both
 * deployments, the token already filled in, and the chip lists one entry for them.
 */
@ExtendWith(ApplicationExtension.class)
class MigratedAccountsDialogTest {

    private ProfilesViewModel profiles;
    private AccountsDialog dialog;

    @Start
    void start(Stage stage) throws Exception {
        Path config = Files.createTempDirectory(Files.createDirectories(Path.of("target/test-home")), "migrated");
        Files.writeString(config.resolve(SettingsStore.FILE_NAME), """
                {"version": 1, "activeProfileId": "p-a", "profiles": [
                  {"id": "p-a", "name": "Studio portraits", "baseUrl": "https://api.runcomfy.net", "apiVersion": "v2",
                   "deploymentId": "dep-a"},
                  {"id": "p-b", "name": "Studio landscapes", "baseUrl": "https://api.runcomfy.net", "apiVersion": "v2",
                   "deploymentId": "dep-b"}]}
                """);
        InMemorySecretStore secrets = new InMemorySecretStore();
        secrets.put(Profile.tokenKeyFor("p-a"), "tok-1");
        secrets.put(Profile.tokenKeyFor("p-b"), "tok-1");
        SameThreadBackgroundExecutor executor = new SameThreadBackgroundExecutor(ComfyDeskApp.errorMessages());
        profiles = new ProfilesViewModel(new SettingsService(new SettingsStore(config), secrets, executor));
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 200));
        stage.show();
        dialog = new AccountsDialog(stage, profiles, executor, (profile, token) -> "Connected (test)");
        dialog.show();
    }

    @Test
    void twoProfilesOfOneTokenAreOneAccountWithTheTokenFilledIn(FxRobot robot) {
        assertThat(profiles.profiles()).extracting(Profile::name).containsExactly("Studio");
        assertThat(robot.lookup("#profileList").queryAs(ListView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("#profileToken").queryAs(PasswordTextField.class).getPassword()).isEqualTo("tok-1");
        assertThat(robot.lookup("#accountDeployments").queryAs(TextField.class).getText()).isEqualTo("dep-a, dep-b");
        assertThat(robot.lookup("#profileDeploymentId").queryAs(TextField.class).getText()).isEqualTo("dep-a");
        StudioFixture.snapshotIfAsked(robot, dialog.getDialogPane(), "accounts-dialog.png");
    }
}
