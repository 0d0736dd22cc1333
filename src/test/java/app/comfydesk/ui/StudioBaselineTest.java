package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.PollSchedule;
import app.comfydesk.sandbox.Fault;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileClients;
import app.comfydesk.ui.workflow.DeploymentBaseline;
import app.comfydesk.ui.workflow.SubmitMode;
import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The deployment's stored workflow is the baseline of Overrides, against the real sandbox and engine: an opened
 * ComfyUI PNG sends what it shows, a foreign graph is blocked with one click to Full workflow, and a v1-only server
 * says the baseline is unknown.
 */
@ExtendWith(ApplicationExtension.class)
class StudioBaselineTest {

    private static final String FLUX =
            "workflows/api/SaladTechnologies__comfyui-api__example-workflows_flux_txt2img.json";
    private StudioFixture fixture;
    private SandboxServer sandbox;
    private JobStore store;
    private JobEngine engine;

    @Start
    void start(Stage stage) throws Exception {
        fixture = new StudioFixture(stage);
        sandbox = SandboxServer.start(SandboxConfig.forTests(fixture.folder.resolve("sandbox")).build());
        store = JobStore.open(fixture.folder.resolve("jobs.db"));
        PollSchedule fast = new PollSchedule(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(1));
        engine = new JobEngine(store, ProfileClients.factory(fixture.settings),
                EngineSettings.defaults(fixture.folder.resolve("outputs")).withSchedule(fast));
        fixture.studio.attachEngine(engine, fixture.folder.resolve("thumbnails"));
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
        sandbox.close();
    }

    private StudioWindow studio() {
        return fixture.studio;
    }

    private void useSandbox(FxRobot robot) {
        robot.interact(() -> studio().profiles().addSandbox(Profile.sandbox(sandbox.baseUri().toString(),
                "sample-txt2img"), sandbox.token(), true));
    }

    /** The text-to-image sample with its prompt changed, as ComfyUI would save it in a PNG. */
    private Path editedPng(String prompt) throws Exception {
        ObjectNode graph;
        try (InputStream in = getClass().getResourceAsStream("/assets/workflows/sample-txt2img.json")) {
            graph = (ObjectNode) ExactJson.parse(in.readAllBytes());
        }
        ((ObjectNode) graph.get("6").get("inputs")).put("text", prompt);
        return TestPngs.write(fixture.folder.resolve("lighthouse.png"), 8, 8, ExactJson.write(graph));
    }

    private Job finishedJob() {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> store.count(JobQuery.all()) == 1
                    && store.page(JobQuery.all(), 0, 1).get(0).status().isTerminal());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("job did not finish: " + store.page(JobQuery.all(), 0, 1), e);
        }
        return store.page(JobQuery.all(), 0, 1).get(0);
    }

    /** The request as the sandbox stored it: the workflow it ran, overrides applied. */
    private JsonNode sandboxRecord(String requestId) throws Exception {
        try (Stream<Path> files = Files.walk(sandbox.home().resolve("storage"))) {
            Path record = files.filter(p -> p.getFileName().toString().equals("request.json")
                    && p.getParent().getFileName().toString().equals(requestId)).findFirst().orElseThrow();
            return ExactJson.parse(Files.readAllBytes(record));
        }
    }

    @Test
    void anOpenedPngWhosePromptDiffersSendsThatPromptAndThePictureIsMadeWithIt(FxRobot robot) throws Exception {
        useSandbox(robot);
        Path png = editedPng("a lighthouse at dusk");
        robot.interact(() -> studio().studio().open(png));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(studio().submit().baseline().getState()).isInstanceOf(DeploymentBaseline.Known.class);
        assertThat(robot.lookup("#baselineState").queryAs(Label.class).getText()).contains("sample-txt2img");
        // Nothing was edited in the form: the old rule (differences from the file) sent {}.
        assertThat(studio().form().changedCountProperty().get()).isZero();
        robot.interact(() -> studio().studio().preview().setVisible(true));
        assertThat(studio().studio().preview().text()).contains("a lighthouse at dusk");
        assertThat(studio().studio().preview().baselineNote()).contains("deployment sample-txt2img");

        robot.clickOn("#submitButton");
        Job job = finishedJob();
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        JsonNode sent = ExactJson.parse(job.requestJson().getBytes(StandardCharsets.UTF_8));
        assertThat(sent.at("/overrides/6/inputs/text").asText()).isEqualTo("a lighthouse at dusk");
        assertThat(job.promptSnippet()).isEqualTo("a lighthouse at dusk");
        JsonNode ran = sandboxRecord(job.requestId());
        assertThat(ran.at("/workflow/6/inputs/text").asText()).isEqualTo("a lighthouse at dusk");
        // The file remembers the deployment it was run on (read back as the next start would).
        var memory = new app.comfydesk.ui.workflow.FileDeployments(fixture.folder.resolve("config"),
                new app.comfydesk.ui.common.SameThreadBackgroundExecutor(ComfyDeskApp.errorMessages()));
        assertThat(memory.lastDeployment(png)).contains("sample-txt2img");

        // The job remembers the workflow version it was measured against; once the deployment changes, it says so.
        String version = ((DeploymentBaseline.Known) studio().submit().baseline().getState()).version();
        assertThat(store.workflowVersion(job.id())).contains(version);
        ObjectNode changed;
        try (InputStream in = getClass().getResourceAsStream("/assets/workflows/sample-txt2img.json")) {
            changed = (ObjectNode) ExactJson.parse(in.readAllBytes());
        }
        ((ObjectNode) changed.get("3").get("inputs")).put("steps", 31);
        sandbox.deploy("sample-txt2img", changed);
        robot.interact(() -> studio().submit().baseline().refresh());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((DeploymentBaseline.Known) studio().submit().baseline().getState()).version())
                .isNotEqualTo(version);
        var model = studio().monitor().model();
        robot.interact(() -> model.selection().setAll(model.rows().get(0)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#workflowVersionValue").tryQuery()
                .isPresent());
        assertThat(robot.lookup("#workflowVersionValue").queryAs(Label.class).getText())
                .startsWith(version).contains("the deployment has changed since");
    }

    @Test
    void aForeignGraphBlocksOverridesNamingWhatIsMissingAndOneClickSendsItAsFullWorkflow(FxRobot robot) {
        useSandbox(robot);
        Path other = StudioFixture.corpus().resolve(FLUX);
        robot.interact(() -> studio().studio().open(other));
        WaitForAsyncUtils.waitForFxEvents();

        String blocked = studio().submit().getBlockedReason();
        assertThat(blocked).contains("sample-txt2img", "stored workflow", "Full workflow");
        assertThat(studio().submit().overridesMismatchProperty().get()).isEqualTo(blocked);
        assertThat(robot.lookup("#submitButton").queryButton().isDisabled()).isTrue();
        Button sendFull = robot.lookup("#sendFullButton").queryAs(Button.class);
        assertThat(sendFull.isVisible()).isTrue();
        StudioFixture.snapshotIfAsked(robot, studio().window().root(), "baseline-mismatch.png");

        robot.clickOn(sendFull);

        assertThat(studio().submit().modeProperty().get()).isEqualTo(SubmitMode.FULL);
        assertThat(studio().submit().overridesMismatchProperty().get()).isNull();
        assertThat(sendFull.isVisible()).isFalse();
        assertThat(studio().submit().getBlockedReason()).isNull();
        robot.interact(() -> studio().studio().preview().setVisible(true));
        assertThat(studio().studio().preview().text()).contains("workflow_api_json");
    }

    @Test
    void onAV1OnlyServerTheBaselineIsUnknownAndMeasuredAgainstTheFile(FxRobot robot) throws Exception {
        sandbox.faults().randomly(1.0, 1, "GET", "^/prod/v2/deployments",
                new Fault.Status(404, null, "not_found", "No such route"));
        useSandbox(robot);
        Path png = editedPng("a lighthouse at dusk");
        robot.interact(() -> studio().studio().open(png));
        WaitForAsyncUtils.waitForFxEvents();

        DeploymentBaseline.State state = studio().submit().baseline().getState();
        assertThat(state).isInstanceOf(DeploymentBaseline.Unknown.class);
        assertThat(state.describe()).contains("v1 server", "measured against the file");
        assertThat(robot.lookup("#baselineState").queryAs(Label.class).getText()).isEqualTo("vs the file");
        robot.interact(() -> studio().studio().preview().setVisible(true));
        assertThat(studio().studio().preview().baselineNote()).contains("unknown", "v1 server");
        assertThat(studio().studio().preview().text()).doesNotContain("a lighthouse at dusk");
    }

    @Test
    void a422001FromRunComfyLandsOnTheFormInputItNames(FxRobot robot) throws Exception {
        // A v2 account on the sandbox whose stored workflow cannot be read: the form is measured against the file,
        // so an input the stored workflow lacks goes out, and the sandbox answers 422001 naming it.
        sandbox.faults().randomly(1.0, 1, "GET", "^/prod/v2/deployments",
                new Fault.Status(404, null, "not_found", "No such route"));
        Profile v2 = new Profile(null, "Sandbox v2", sandbox.baseUri().toString(), "v2", "sample-txt2img", null,
                false, fixture.folder.resolve("out").toString(), null, false);
        ObjectNode graph;
        try (InputStream in = getClass().getResourceAsStream("/assets/workflows/sample-txt2img.json")) {
            graph = (ObjectNode) ExactJson.parse(in.readAllBytes());
        }
        ((ObjectNode) graph.get("3").get("inputs")).put("style_note", "plain");
        Path file = fixture.folder.resolve("with-extra.json");
        Files.writeString(file, ExactJson.write(graph));
        robot.interact(() -> {
            studio().profiles().apply(java.util.List.of(new app.comfydesk.ui.settings.ProfileDraft(v2,
                    sandbox.token(), null)), v2.id());
            studio().studio().open(file);
        });
        WaitForAsyncUtils.waitForFxEvents();
        var ref = new app.comfydesk.workflow.InputRef("3", "style_note");
        var field = studio().form().field(ref).orElseThrow();
        robot.interact(() -> field.valueProperty().set(com.fasterxml.jackson.databind.node.TextNode.valueOf("bold")));
        assertThat(field.problemProperty().get()).isNull();

        robot.clickOn("#submitButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> field.problemProperty().get() != null);

        assertThat(field.problemProperty().get()).contains("422001", "style_note");
        assertThat(studio().window().messageBar().currentText()).isNotBlank();
        // Editing the value again takes the server's complaint away.
        robot.interact(() -> field.valueProperty().set(com.fasterxml.jackson.databind.node.TextNode.valueOf("x")));
        assertThat(field.problemProperty().get()).isNull();
    }

    @Test
    void theBalanceIsInTheStatusBarAndA10001OffersTheTopUpPage(FxRobot robot) throws Exception {
        useSandbox(robot);
        Label balance = robot.lookup("#balanceLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !balance.getText().isEmpty());
        assertThat(balance.getText()).isEqualTo(" · balance $100.00");
        Node topUp = robot.lookup("#topUpLink").query();
        assertThat(topUp.isVisible()).isFalse();

        sandbox.faults().next(1, "POST", "/inference$", new Fault.Status(402, null, "10001",
                "Insufficient balance"));
        robot.interact(() -> studio().studio().loadSample());
        WaitForAsyncUtils.waitForFxEvents();
        java.util.List<String> opened = new java.util.ArrayList<>();
        robot.interact(() -> studio().balance().openUriProperty().set(opened::add));
        robot.clickOn("#submitButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, topUp::isVisible);

        assertThat(studio().window().messageBar().currentText()).contains("balance is too low");
        robot.clickOn(topUp);
        assertThat(opened).containsExactly(app.comfydesk.ui.jobs.BalanceModel.TOP_UP_URL);
    }
}
