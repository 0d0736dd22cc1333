package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.QuitConfirmation.RunningJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class QuitConfirmationTest {

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindows() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void nothingRunningMeansNothingToAsk() {
        assertThat(QuitConfirmation.message(RunningJobs.NONE)).isEmpty();
    }

    @Test
    void remoteJobsContinueAndArePickedUpAtNextStart() {
        assertThat(QuitConfirmation.message(new RunningJobs(3, 0))).hasValueSatisfying(text -> assertThat(text)
                .startsWith("3 jobs are still running on RunComfy. They continue there")
                .contains("picked up", "next start"));
        assertThat(QuitConfirmation.message(new RunningJobs(1, 0))).hasValueSatisfying(text -> assertThat(text)
                .startsWith("1 job is still running on RunComfy. It continues there"));
    }

    @Test
    void sandboxJobsStopWithTheApp() {
        assertThat(QuitConfirmation.message(new RunningJobs(0, 2))).hasValueSatisfying(text -> assertThat(text)
                .isEqualTo("2 jobs on the built-in sandbox will stop: the sandbox runs inside ComfyDesk."));
        assertThat(QuitConfirmation.message(new RunningJobs(1, 1))).hasValueSatisfying(text -> assertThat(text)
                .contains("RunComfy", "\n\n1 job on the built-in sandbox"));
    }

    @Test
    void closingIsCancelledWhenTheUserKeepsTheWindowOpen() throws Exception {
        List<String> asked = new ArrayList<>();
        AtomicReference<RunningJobs> running = new AtomicReference<>(new RunningJobs(2, 0));
        Stage stage = OnFx.call(() -> {
            Stage window = new Stage();
            window.setScene(new Scene(new StackPane(), 200, 100));
            QuitConfirmation.install(window, running::get, message -> {
                asked.add(message);
                return false; // "Keep open"
            });
            window.show();
            return window;
        });

        WindowEvent request = new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST);
        OnFx.run(() -> Event.fireEvent(stage, request));
        assertThat(asked).hasSize(1);
        assertThat(stage.isShowing()).isTrue();

        running.set(RunningJobs.NONE);
        OnFx.run(() -> Event.fireEvent(stage, new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(asked).hasSize(1);
        assertThat(stage.isShowing()).isFalse();
    }
}
