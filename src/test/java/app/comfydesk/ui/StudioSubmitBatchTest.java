package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.comfydesk.ui.common.ThreadPoolBackgroundExecutor;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.workflow.SubmitModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A batch waiting for the server's answers holds no background thread: other work still runs meanwhile. */
@ExtendWith(ApplicationExtension.class)
class StudioSubmitBatchTest {

    // One worker, so a worker blocked in join() would starve everything else.
    private final ThreadPoolBackgroundExecutor executor = new ThreadPoolBackgroundExecutor(
            ComfyDeskApp.errorMessages(), 1, Platform::runLater);
    private final List<CompletableFuture<app.comfydesk.jobs.Job>> pending = new CopyOnWriteArrayList<>();
    private StudioWindow studio;

    @Start
    void start(Stage stage) {
        studio = new StudioFixture(stage, executor).studio;
    }

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void otherBackgroundWorkRunsWhileABatchWaitsForTheServer(FxRobot robot) {
        robot.interact(() -> {
            studio.profiles().addSandbox(Profile.sandbox("http://127.0.0.1:9", "sample-txt2img"), "tok", true);
            studio.submit().submitterProperty().set(submission -> {
                CompletableFuture<app.comfydesk.jobs.Job> answer = new CompletableFuture<>();
                pending.add(answer);
                return answer;
            });
            studio.studio().loadSample();
        });
        await().until(() -> studio.form().getDocument() != null && studio.submit().getBlockedReason() == null);

        List<SubmitModel.Outcome> outcomes = new CopyOnWriteArrayList<>();
        robot.interact(() -> {
            studio.submit().batchProperty().set(3);
            studio.submit().submit(outcomes::add, error -> { });
        });
        await().until(() -> pending.size() == 3);
        // Generate stays disabled while the batch is being sent.
        assertThat(robot.lookup("#submitButton").query().isDisabled()).isTrue();

        AtomicBoolean ranMeanwhile = new AtomicBoolean();
        robot.interact(() -> executor.submit(() -> true).onSuccess(ranMeanwhile::set));
        await().untilTrue(ranMeanwhile);
        assertThat(outcomes).isEmpty();

        pending.forEach(answer -> answer.completeExceptionally(new IllegalStateException("refused")));
        await().until(() -> outcomes.size() == 1);
        assertThat(outcomes.get(0).failures()).hasSize(3);
        assertThat(outcomes.get(0).accepted()).isEmpty();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#submitButton").query().isDisabled()).isFalse();
    }
}
