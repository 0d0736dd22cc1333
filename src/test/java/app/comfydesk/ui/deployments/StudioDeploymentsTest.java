package app.comfydesk.ui.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.PollSchedule;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import app.comfydesk.ui.StudioFixture;
import app.comfydesk.ui.StudioWindow;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileClients;
import app.comfydesk.ui.settings.ProfileDraft;
import app.comfydesk.ui.workflow.WorkflowDocument;
import app.comfydesk.workflow.ComboSpec;
import app.comfydesk.workflow.FieldDescriptor;
import app.comfydesk.workflow.FieldKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The deployments browser against the real built-in sandbox (its v2 deployment routes) and the real engine: pick a
 * deployment, get the form of its stored workflow with widgets from its own object_info and its default overrides
 * as starting values, Generate, and the job runs on that deployment. Also: a disabled deployment says why, and a
 * v1 server takes a typed id with a bound local file.
 */
@ExtendWith(ApplicationExtension.class)
class StudioDeploymentsTest {

    private StudioFixture fixture;
    private SandboxServer sandbox;
    private JobStore store;
    private JobEngine engine;
    private StudioWindow studio;

    @Start
    void start(Stage stage) throws Exception {
        fixture = new StudioFixture(stage);
        Path home = fixture.folder.resolve("sandbox");
        sandbox = SandboxServer.start(SandboxConfig.forTests(home).build());
        // The deployment's default overrides: the form must start from them.
        Files.writeString(home.resolve("deployments/sample-txt2img/overrides.json"),
                "{\"5\": {\"inputs\": {\"width\": 768}}}");
        store = JobStore.open(fixture.folder.resolve("jobs.db"));
        PollSchedule fast = new PollSchedule(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(1));
        engine = new JobEngine(store, ProfileClients.factory(fixture.settings),
                EngineSettings.defaults(fixture.folder.resolve("outputs")).withSchedule(fast));
        studio = fixture.studio;
        studio.attachEngine(engine, fixture.folder.resolve("thumbnails"));
        engine.start();
    }

    private void addSandbox() {
        studio.profiles().addSandbox(Profile.sandbox(sandbox.baseUri().toString(), "sample-txt2img"),
                sandbox.token(), true);
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
        sandbox.close();
    }

    @Test
    void pickADeploymentGetItsStoredFormThenGenerateRunsThere(FxRobot robot) throws Exception {
        robot.interact(this::addSandbox);
        // The sandbox's deployments are known as soon as it is active; the chip names the chosen one.
        assertThat(studio.deployments().rows()).extracting(DeploymentRow::id)
                .containsExactly("sample-image-edit", "sample-txt2img");
        assertThat(robot.lookup("#deploymentsButton").queryButton().getText()).isEqualTo("sample-txt2img");

        robot.clickOn("#submitButton"); // focus in the main window, then the shortcut
        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(studio.deploymentsBrowser()).isNotNull();
        assertThat(studio.deploymentsBrowser().isShowing()).isTrue();
        @SuppressWarnings("unchecked")
        ListView<DeploymentRow> list = robot.lookup("#deploymentList").queryAs(ListView.class);
        assertThat(list.getSelectionModel().getSelectedItem().id()).as("the active deployment is selected")
                .isEqualTo("sample-txt2img");
        assertThat(list.getSelectionModel().getSelectedItem().details()).contains("sample-txt2img", "enabled",
                "updated");

        robot.interact(() -> robot.lookup("#deploymentSearch").queryAs(TextField.class).setText("EDIT"));
        assertThat(list.getItems()).extracting(DeploymentRow::id).containsExactly("sample-image-edit");
        robot.interact(() -> robot.lookup("#deploymentSearch").queryAs(TextField.class).setText(""));
        assertThat(list.getItems()).hasSize(2);
        StudioFixture.snapshotIfAsked(robot, studio.deploymentsBrowser().getDialogPane(), "deployments-browser.png");

        robot.interact(() -> list.getSelectionModel().select(list.getItems().stream()
                .filter(r -> r.id().equals("sample-txt2img")).findFirst().orElseThrow()));
        robot.clickOn("#openDeploymentButton");
        WaitForAsyncUtils.waitForFxEvents();

        WorkflowDocument document = studio.form().getDocument();
        assertThat(document.displayName()).startsWith("Deployment: sample-txt2img (v");
        assertThat(document.deployment().storedWorkflowKnown()).isTrue();
        assertThat(studio.deploymentsBrowser().isShowing()).as("closes once the form is shown").isFalse();
        // Widgets from the deployment's own object_info: the sampler is a combo with the server's choices.
        FieldDescriptor sampler = field(document, "3", "sampler_name");
        assertThat(sampler.kind()).isEqualTo(FieldKind.COMBO);
        assertThat(((ComboSpec) sampler.spec()).options()).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .contains("euler", "dpmpp_2m");
        assertThat(robot.lookup("#workflowForm .combo-box").queryAllAs(ComboBox.class)).isNotEmpty();
        // The default override is the starting value, and not an edit.
        assertThat(document.workflow().toObjectNode().get("5").get("inputs").get("width").asInt())
                .isEqualTo(768);
        assertThat(studio.form().changedCountProperty().get()).isZero();
        assertThat(studio.profiles().getActive().deploymentId()).isEqualTo("sample-txt2img");

        TextArea prompt = robot.lookup("#prompt-6-text").queryAs(TextArea.class);
        robot.interact(() -> prompt.setText("a red fox in fresh snow"));
        robot.clickOn("#submitButton");
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> store.count(JobQuery.all()) == 1
                    && store.page(JobQuery.all(), 0, 1).get(0).status() == JobStatus.SUCCEEDED);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("job did not finish: " + store.page(JobQuery.all(), 0, 1), e);
        }
        Job job = store.page(JobQuery.all(), 0, 1).get(0);
        assertThat(job.target().deploymentId()).isEqualTo("sample-txt2img");
        assertThat(job.promptSnippet()).isEqualTo("a red fox in fresh snow");
        assertThat(job.requestJson()).contains("a red fox in fresh snow").doesNotContain(sandbox.token());
    }

    @Test
    void aDisabledDeploymentIsGreyedWithTheReason(FxRobot robot) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.baseUri() + "/prod/v2/deployments/sample-image-edit"))
                .header("Authorization", "Bearer " + sandbox.token())
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"is_enabled\": false}"))
                .build(), HttpResponse.BodyHandlers.discarding());
        robot.interact(this::addSandbox);
        robot.interact(studio::openDeployments);
        DeploymentRow edit = studio.deployments().rows().stream().filter(r -> r.id().equals("sample-image-edit"))
                .findFirst().orElseThrow();
        assertThat(edit.usable()).isFalse();
        assertThat(edit.details()).contains("disabled");
        assertThat(studio.deployments().messageProperty().get()).contains("2 deployment(s), 1 disabled");
        List<String> reasons = robot.lookup("#deploymentList .deployment-reason").queryAllAs(Label.class).stream()
                .filter(Label::isVisible).map(Label::getText).toList();
        assertThat(reasons).singleElement().asString()
                .isEqualTo("The deployment is disabled: enable it on RunComfy, then submit again.");
        assertThat(robot.lookup(".deployment-disabled").queryAll()).hasSize(1);
    }

    @Test
    void aV1ServerTakesATypedIdAndABoundFileWhoseStoredWorkflowIsUnknown(FxRobot robot) throws Exception {
        Profile v1 = new Profile(null, "Old server", sandbox.baseUri().toString(), "v1", "", null, false, null, null,
                false);
        robot.interact(() -> studio.profiles().apply(List.of(new ProfileDraft(v1, sandbox.token(), null)), v1.id()));
        robot.interact(studio::openDeployments);
        assertThat(robot.lookup("#deploymentList").query().isVisible()).isFalse();
        assertThat(robot.lookup("#typedDeploymentBox").query().isVisible()).isTrue();
        assertThat(robot.lookup("#deploymentMessage").queryAs(Label.class).getText())
                .contains("only speaks the v1 queue");

        Path file = fixture.folder.resolve("my-graph.json");
        Files.copy(Path.of("assets/workflows/sample-txt2img.json"), file);
        robot.interact(() -> robot.lookup("#typedDeploymentId").queryAs(TextField.class).setText("sample-txt2img"));
        robot.interact(() -> studio.deployments().bindFile(file));
        WaitForAsyncUtils.waitForFxEvents();

        WorkflowDocument document = studio.form().getDocument();
        assertThat(document.displayName()).isEqualTo("my-graph.json \u2192 sample-txt2img");
        assertThat(document.deployment().storedWorkflowKnown()).isFalse();
        assertThat(studio.profiles().getActive().deploymentId()).isEqualTo("sample-txt2img");
        assertThat(studio.profiles().account(studio.profiles().getActive()).orElseThrow().boundFiles())
                .containsEntry("sample-txt2img", file.toAbsolutePath().toString());
        assertThat(studio.window().messageBar().currentText())
                .contains("stored workflow of deployment sample-txt2img is unknown", "measured against my-graph.json");
        assertThat(studio.deploymentsBrowser().isShowing()).isFalse();

        TextArea prompt = robot.lookup("#prompt-6-text").queryAs(TextArea.class);
        robot.interact(() -> prompt.setText("an old lighthouse"));
        robot.clickOn("#submitButton");
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> store.count(JobQuery.all()) == 1);
        Job job = store.page(JobQuery.all(), 0, 1).get(0);
        assertThat(job.target().deploymentId()).isEqualTo("sample-txt2img");
        assertThat(job.target().version()).hasToString("V1");
    }

    private static FieldDescriptor field(WorkflowDocument document, String node, String key) {
        return document.fields().get(node).stream().filter(f -> f.ref().key().equals(key)).findFirst().orElseThrow();
    }
}
