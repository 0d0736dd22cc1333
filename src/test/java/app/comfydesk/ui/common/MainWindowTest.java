package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private MainWindow window;
    private ThemeManager themes;
    private Theme saved;

    @Start
    void start(Stage stage) {
        window = new MainWindow();
        themes = new ThemeManager(Theme.LIGHT, theme -> saved = theme);
        Scene scene = new Scene(window.root(), 1200, 800);
        themes.register(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void placeholdersShowUntilAFeaturePlugsInItsView(FxRobot robot) {
        assertThat(robot.lookup("No jobs yet").tryQuery()).isPresent();
        Label jobs = new Label("job table");
        jobs.setId("jobTable");
        robot.interact(() -> window.setJobsView(jobs));
        assertThat(robot.lookup("#jobTable").tryQuery()).isPresent();
        assertThat(robot.lookup("No jobs yet").tryQuery()).isEmpty();
        robot.interact(() -> window.setJobsView(null));
        assertThat(robot.lookup("No jobs yet").tryQuery()).isPresent();
    }

    @Test
    void placeholdersCanWaitWhileTheWindowFillsIn(FxRobot robot) {
        robot.interact(() -> window.placeholdersShownProperty().set(false));
        assertThat(robot.lookup(".placeholder").<Node>queryAll()).hasSize(3).noneMatch(Node::isVisible);
        robot.interact(() -> window.placeholdersShownProperty().set(true));
        assertThat(robot.lookup(".placeholder").<Node>queryAll()).hasSize(3).allMatch(Node::isVisible);
    }

    @Test
    void messagesAppearInTheWindowAndCanBeDismissed(FxRobot robot) {
        robot.interact(() -> window.messageBar().showError("Could not open", UserFacingError.of("Not JSON.")));
        assertThat(window.messageBar().isVisible()).isTrue();
        assertThat(window.messageBar().currentText()).isEqualTo("Not JSON.");
        robot.interact(() -> window.messageBar().clear());
        assertThat(window.messageBar().isVisible()).isFalse();
    }

    @Test
    void themeSwitchChangesTheUserAgentStylesheetAndIsRemembered(FxRobot robot) {
        robot.interact(themes::toggle);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.DARK.userAgentStylesheet());
        assertThat(saved).isEqualTo(Theme.DARK);
        assertThat(window.root().getPseudoClassStates()).anyMatch(state -> state.getPseudoClassName().equals("dark"));
        robot.interact(themes::toggle);
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.LIGHT.userAgentStylesheet());
    }
}
