package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class StartupSkeletonTest {

    private Parent skeleton;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        skeleton = StartupSkeleton.create(0.3, 0.5);
        stage.setScene(new Scene(skeleton, 1000, 700));
        stage.show();
    }

    @Test
    void outlinesTheShellWhereTheDividersWillBe(FxRobot robot) {
        Region form = (Region) ((Parent) ((javafx.scene.layout.BorderPane) skeleton).getCenter())
                .getChildrenUnmodifiable().get(0);
        assertThat(form.getWidth()).isCloseTo(300, within(1.0));
        Region jobs = (Region) robot.from(skeleton).lookup(".bg-subtle").nth(0).query();
        Bounds jobsBounds = jobs.localToScene(jobs.getLayoutBounds());
        Bounds center = ((javafx.scene.layout.BorderPane) skeleton).getCenter().getBoundsInParent();
        assertThat(jobsBounds.getHeight()).isCloseTo(center.getHeight() * 0.5, within(1.5));
        assertThat(robot.lookup("#startupStatus").queryAs(Region.class).getHeight())
                .isEqualTo(StartupSkeleton.STATUS_BAR_HEIGHT);
        Text starting = robot.from(skeleton).lookup((Node node) -> node instanceof Text).query();
        assertThat(starting.getText()).isEqualTo(StartupSkeleton.TEXT);
    }

    @Test
    void holdsNoControlsSoItsFirstCssPassStaysSmall(FxRobot robot) {
        assertThat(robot.from(skeleton).lookup((Node node) -> node instanceof Control).queryAll()).isEmpty();
        assertThat(robot.from(skeleton).lookup((Node node) -> true).queryAll()).hasSizeLessThan(20);
    }
}
