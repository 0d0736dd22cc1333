package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.api.ApiVersion;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobMode;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobTarget;
import app.comfydesk.ui.common.QuitConfirmation.RunningJobs;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(FxStages.class)
class QuitConfirmationTest {

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
    void sandboxJobsPauseAndResumeAtNextStart() {
        assertThat(QuitConfirmation.message(new RunningJobs(0, 2))).hasValueSatisfying(text -> assertThat(text)
                .isEqualTo("2 jobs on the built-in sandbox pause while ComfyDesk is closed and resume when you next "
                        + "start it: the sandbox keeps the requests.")
                .doesNotContain("stop"));
        assertThat(QuitConfirmation.message(new RunningJobs(1, 1))).hasValueSatisfying(text -> assertThat(text)
                .contains("RunComfy", "\n\n1 job on the built-in sandbox"));
    }

    private static Job job(long id, String profileId, JobStatus status) {
        JobTarget target = new JobTarget(URI.create("https://api.runcomfy.net"), ApiVersion.V1, "dep-1", profileId);
        return new Job(id, "req-" + id, target, JobMode.OVERRIDES, "{}", "{}", "flow.json", "a cat", status, null,
                null, null, null, Instant.EPOCH, Instant.EPOCH, null, null, List.of(), List.of());
    }

    @Test
    void unfinishedJobsAreCountedByWhereTheyRun() {
        assertThat(RunningJobs.of(List.of(job(1, "studio", JobStatus.RUNNING), job(3, "sandbox", JobStatus.QUEUED),
                job(4, "studio", JobStatus.QUEUED)), j -> "sandbox".equals(j.target().profileId())))
                .isEqualTo(new RunningJobs(2, 1));
        assertThat(RunningJobs.of(List.of(), j -> true)).isEqualTo(RunningJobs.NONE);
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

    @Test
    void theQuestionSaysThatFormEditsAreKeptWhenThereAreSome() throws Exception {
        List<String> asked = new ArrayList<>();
        AtomicReference<String> note = new AtomicReference<>("Your 2 edit(s) to flux.json are kept.");
        Stage stage = OnFx.call(() -> {
            Stage window = new Stage();
            window.setScene(new Scene(new StackPane(), 200, 100));
            QuitConfirmation.install(window, () -> new RunningJobs(1, 0), note::get, message -> {
                asked.add(message);
                return false;
            });
            window.show();
            return window;
        });
        OnFx.run(() -> Event.fireEvent(stage, new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        note.set(null);
        OnFx.run(() -> Event.fireEvent(stage, new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(asked).hasSize(2);
        assertThat(asked.get(0)).contains("still running on RunComfy")
                .endsWith("\n\nYour 2 edit(s) to flux.json are kept.");
        assertThat(asked.get(1)).doesNotContain("edit(s)");
        OnFx.run(stage::hide);
    }
}
