package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.api.ApiJson;
import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.PollSchedule;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import app.comfydesk.ui.jobs.JobItem;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileClients;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.SeedMode;
import app.comfydesk.workflow.variations.DynamicPrompt;
import app.comfydesk.workflow.variations.WildcardFolder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Seeds and dynamic prompts in the studio's Generate against the sandbox: the seed each job sent is in the job list
 * and details and "Use this seed" puts it back, fixed; a dynamic prompt is expanded by the run's seed, and what is
 * sent, previewed and listed is the expansion, the same again for the same seed.
 */
@ExtendWith(ApplicationExtension.class)
class StudioSeedsAndPromptsTest {

    private static final InputRef SEED = new InputRef("3", "seed");
    private static final InputRef PROMPT = new InputRef("6", "text");
    private static final String TEMPLATE = "a {red|green|blue} __animals__ in {2$$rain|snow|fog|mist}";

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
        fixture.studio.profiles().addSandbox(Profile.sandbox(sandbox.baseUri().toString(), "sample-txt2img"),
                sandbox.token(), true);
        fixture.studio.studio().loadSample();
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
        sandbox.close();
    }

    @Test
    void theSentSeedAndExpandedPromptAreShownAndUseThisSeedMakesThePictureAgain(FxRobot robot) throws Exception {
        // Seeds start random (the sample's schema does not say otherwise).
        assertThat(fixture.studio.form().seedModes()).containsEntry(SEED, SeedMode.RANDOM);
        TextArea prompt = robot.lookup("#prompt-6-text").queryAs(TextArea.class);
        robot.interact(() -> prompt.setText(TEMPLATE));

        // The preview shows the expansion the first run sends, not the template.
        String preview = fx(() -> fixture.studio.submit().previewJson());
        JsonNode previewed = ApiJson.parse(preview.substring(preview.indexOf('{')));
        String previewedText = previewed.path("overrides").path("6").path("inputs").path("text").asText();
        assertThat(previewedText).startsWith("a ").doesNotContain("{").doesNotContain("__");

        robot.clickOn("#submitButton");
        waitFor(() -> store.count(JobQuery.all()) == 1
                && store.page(JobQuery.all(), 0, 1).get(0).status() == JobStatus.SUCCEEDED);
        Job job = store.page(JobQuery.all(), 0, 1).get(0);
        JsonNode sent = job.request().path("overrides");
        String seed = sent.path("3").path("inputs").path("seed").bigIntegerValue().toString();
        String text = sent.path("6").path("inputs").path("text").asText();
        // What was sent is the preview, recorded with the job: its seed, and the expansion as its prompt.
        assertThat(text).isEqualTo(previewedText);
        assertThat(job.seed()).isEqualTo(seed);
        assertThat(job.promptSnippet()).isEqualTo(text);
        // Reproducible: the template expanded by that seed (with the shipped wildcards) is exactly that text.
        WildcardFolder wildcards = new WildcardFolder(fixture.folder.resolve("config").resolve("wildcards"));
        assertThat(DynamicPrompt.parse(TEMPLATE).expand(new BigInteger(seed), wildcards)).isEqualTo(text);
        // An animal line was used (a line may hold a wildcard of its own, "__colors__ koi fish", expanded too).
        assertThat(text).doesNotContain("__");
        assertThat(wildcards.lines("animals")).anyMatch(line -> text.contains(line.replaceAll("__\\w+__ ", "")));

        // The job list shows the seed and the expanded prompt.
        waitFor(() -> robot.lookup("#columnSeed").tryQuery().isPresent()
                && robot.lookup(".table-cell").match(LabeledMatchers.hasText(seed)).tryQuery().isPresent());
        assertThat(robot.lookup(".table-cell").match(LabeledMatchers.hasText(text)).tryQuery()).isPresent();

        // A new random seed meanwhile; "Use this seed" in the details puts the job's back, fixed.
        robot.interact(() -> fixture.studio.form().field(SEED).orElseThrow().valueProperty()
                .set(ApiJson.mapper().getNodeFactory().numberNode(new BigInteger("18446744073709551615"))));
        TableView<JobItem> table = robot.lookup("#jobTable").queryAs(TableView.class);
        robot.interact(() -> table.getSelectionModel().clearAndSelect(0));
        waitFor(() -> robot.lookup("#useSeedButton").tryQuery().isPresent());
        robot.clickOn("#useSeedButton");
        assertThat(fixture.studio.form().getEdit().value(SEED).bigIntegerValue().toString()).isEqualTo(seed);
        assertThat(fixture.studio.form().seedModes()).containsEntry(SEED, SeedMode.FIXED);
        assertThat(fixture.studio.window().statusMessageLabel().getText()).contains("Seed " + seed);

        // With the template and that seed, Generate sends the same text again.
        robot.interact(() -> prompt.setText(TEMPLATE));
        robot.clickOn("#submitButton");
        waitFor(() -> store.count(JobQuery.all()) == 2);
        Job again = store.page(JobQuery.all(), 0, 1).get(0);
        assertThat(again.seed()).isEqualTo(seed);
        assertThat(again.request().path("overrides").path("6").path("inputs").path("text").asText())
                .isEqualTo(text);
    }

    @Test
    void anUnknownWildcardBlocksWithItsNameInsteadOfSendingTheTemplate(FxRobot robot) {
        TextArea prompt = robot.lookup("#prompt-6-text").queryAs(TextArea.class);
        robot.interact(() -> prompt.setText("a __no_such_list__ fox"));
        assertThat(fixture.studio.submit().previewJson()).contains("__no_such_list__")
                .contains("no wildcard file no_such_list.txt");
        robot.clickOn("#submitButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.count(JobQuery.all())).isZero();
        assertThat(fixture.studio.window().statusMessageLabel().getText()).isEqualTo("Not submitted");
        assertThat(fixture.studio.window().messageBar().currentText()).contains("6.text")
                .contains("no wildcard file no_such_list.txt");
    }

    private static <T> T fx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(condition));
    }
}
