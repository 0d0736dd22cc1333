package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import app.comfydesk.ui.settings.InMemorySecretStore;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.AccountsDialog;
import app.comfydesk.ui.settings.ProfilesViewModel;
import app.comfydesk.ui.settings.SettingsService;
import app.comfydesk.ui.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The profiles dialog: add a profile with a token, test the connection, save — the token never reaches the file. */
@ExtendWith(ApplicationExtension.class)
class StudioAccountsDialogTest {

    private ProfilesViewModel profiles;
    private InMemorySecretStore secrets;
    private Path config;
    private AccountsDialog dialog;

    @Start
    void start(Stage stage) throws Exception {
        config = Files.createTempDirectory(Files.createDirectories(Path.of("target/test-home")), "dialog");
        secrets = new InMemorySecretStore();
        SameThreadBackgroundExecutor executor = new SameThreadBackgroundExecutor(ComfyDeskApp.errorMessages());
        profiles = new ProfilesViewModel(new SettingsService(new SettingsStore(config), secrets, executor));
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 200));
        stage.show();
        dialog = new AccountsDialog(stage, profiles, executor, (profile, token) -> {
            if (!token.equals("good-token")) {
                throw new app.comfydesk.ui.common.UserFacingException("The token was rejected (401 Unauthorized).");
            }
            return "Connected: the token was accepted.";
        });
        dialog.show();
    }

    @Test
    void addTestAndSaveAProfile(FxRobot robot) throws Exception {
        robot.clickOn("#addProfileButton");
        robot.interact(() -> {
            robot.lookup("#profileName").queryAs(TextField.class).setText("Studio");
            robot.lookup("#profileDeploymentId").queryAs(TextField.class).setText("dep-42");
            robot.lookup("#profileToken").queryAs(TextField.class).setText("bad-token");
        });
        robot.clickOn("#testConnectionButton");
        assertThat(robot.lookup("#testConnectionResult").queryAs(Label.class).getText()).contains("401");
        robot.interact(() -> robot.lookup("#profileToken").queryAs(TextField.class).setText("good-token"));
        robot.clickOn("#testConnectionButton");
        assertThat(robot.lookup("#testConnectionResult").queryAs(Label.class).getText()).startsWith("Connected");
        StudioFixture.snapshotIfAsked(robot, dialog.getDialogPane(), "profiles-dialog.png");

        robot.interact(() -> {
            ButtonType save = dialog.getDialogPane().getButtonTypes().stream()
                    .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow();
            ((javafx.scene.control.Button) dialog.getDialogPane().lookupButton(save)).fire();
        });

        assertThat(profiles.profiles()).extracting(Profile::name).containsExactly("Studio");
        Profile saved = profiles.profiles().get(0);
        assertThat(profiles.getActive()).isEqualTo(saved);
        assertThat(profiles.activeProblemProperty().get()).isNull();
        assertThat(secrets.get(saved.tokenKey())).contains("good-token");
        String file = Files.readString(config.resolve("settings.json"));
        assertThat(file).contains("dep-42").doesNotContain("good-token");
    }

    @Test
    void firstRunShowsAHintAndALabelledAddButtonAndNothingIsCutOff(FxRobot robot) {
        assertThat(robot.lookup("#profilesEmptyHint").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#addProfileButton").queryAs(javafx.scene.control.Button.class).getText())
                .isEqualTo("Add account");
        robot.clickOn("#addProfileButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#profilesEmptyHint").queryAs(Label.class).isVisible()).isFalse();
        assertThat(dialog.getDialogPane().getMinWidth()).isGreaterThanOrEqualTo(700);
        robot.interact(() -> dialog.getDialogPane().getScene().getWindow().setWidth(760));
        WaitForAsyncUtils.waitForFxEvents();
        var cut = robot.lookup(".profiles-dialog .label").queryAllAs(Label.class).stream()
                .filter(l -> l.isVisible() && !l.isWrapText() && l.getText() != null && !l.getText().isEmpty())
                .filter(l -> l.getWidth() + 0.5 < l.prefWidth(-1)).map(Label::getText).toList();
        assertThat(cut).as("labels cut off").isEmpty();
        var test = robot.lookup("#testConnectionButton").queryAs(javafx.scene.control.Button.class);
        assertThat(test.getWidth()).isGreaterThanOrEqualTo(test.prefWidth(-1) - 0.5);
    }

    @Test
    void theProfileSelectorOffersManageAndAddWithoutSwitchingProfile(FxRobot robot) {
        java.util.List<String> opened = new java.util.ArrayList<>();
        var selector = new app.comfydesk.ui.settings.ProfileSelector(profiles, () -> opened.add("manage"),
                () -> opened.add("add"));
        robot.interact(() -> profiles.addSandbox(Profile.sandbox("http://127.0.0.1:9", "sample-txt2img"), "t", true));
        Profile active = profiles.getActive();
        var combo = selector.combo();
        assertThat(combo.getItems()).extracting(Profile::name).endsWith("Manage accounts…", "Add account…");
        robot.interact(() -> combo.setValue(combo.getItems().get(combo.getItems().size() - 1)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> combo.setValue(combo.getItems().get(combo.getItems().size() - 2)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).containsExactly("add", "manage");
        assertThat(profiles.getActive()).isSameAs(active);
        assertThat(combo.getValue()).isSameAs(active);
    }
}
