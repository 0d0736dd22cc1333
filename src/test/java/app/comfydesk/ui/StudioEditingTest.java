package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.Theme;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfileDraft;
import app.comfydesk.ui.workflow.ImageDropZone;
import app.comfydesk.ui.workflow.WorkflowLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Editing inputs and seeing the exact request; validation; presets; profiles; theme. */
@ExtendWith(ApplicationExtension.class)
class StudioEditingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private StudioFixture fixture;
    private final List<app.comfydesk.jobs.JobSubmission> submitted = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        fixture = new StudioFixture(stage);
    }

    private StudioWindow studio() {
        return fixture.studio;
    }

    /** A usable profile and an engine stand-in that records what Generate sends. */
    private void readyToSubmit(FxRobot robot) {
        robot.interact(() -> {
            studio().profiles().addSandbox(Profile.sandbox("http://127.0.0.1:9", "sample-txt2img"), "tok", true);
            studio().submit().submitterProperty().set(submission -> {
                submitted.add(submission);
                return CompletableFuture.failedFuture(new IllegalStateException("not sent in this test"));
            });
            studio().studio().loadSample();
        });
    }

    private JsonNode preview(FxRobot robot) throws Exception {
        robot.clickOn("#previewToggle");
        robot.interact(() -> studio().studio().preview().refresh());
        assertThat(robot.lookup("#previewPane").query().isVisible()).isTrue();
        return JSON.readTree(studio().studio().preview().text());
    }

    @Test
    void editsToPromptSeedAndComboAppearExactlyInTheRequestPreview(FxRobot robot) throws Exception {
        readyToSubmit(robot);
        // Seeds start random; fix it so the preview shows exactly the edits.
        robot.interact(() -> studio().form().field(new app.comfydesk.workflow.InputRef("3", "seed")).orElseThrow()
                .seedModeProperty().set(app.comfydesk.workflow.SeedMode.FIXED));
        assertThat(preview(robot).get("overrides")).isEqualTo(JSON.createObjectNode());

        TextArea prompt = robot.lookup("#prompt-6-text").queryAs(TextArea.class);
        // Typed over a selection, as a user would: erasing the long sample prompt key by key took seconds.
        robot.clickOn(prompt);
        robot.interact(prompt::selectAll);
        robot.write("a red fox");
        TextField seed = robot.lookup("#field-3-seed .seed-text").queryAs(TextField.class);
        robot.interact(() -> seed.setText("18446744073709551615"));
        @SuppressWarnings("unchecked")
        ComboBox<String> sampler = robot.lookup("#field-3-sampler_name .combo-box").queryAs(ComboBox.class);
        robot.interact(() -> sampler.setValue("dpmpp_2m"));
        robot.interact(() -> studio().studio().preview().refresh());

        JsonNode body = JSON.readTree(studio().studio().preview().text());
        assertThat(body.toString()).isEqualTo("{\"overrides\":{\"3\":{\"inputs\":{\"seed\":18446744073709551615,"
                + "\"sampler_name\":\"dpmpp_2m\"}},\"6\":{\"inputs\":{\"text\":\"a red fox\"}}}}");
        assertThat(body.get("overrides").get("3").get("inputs").get("seed").bigIntegerValue())
                .isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(studio().form().changedCountProperty().get()).isEqualTo(3);
        assertThat(robot.lookup("#resetAllButton").queryButton().getText()).isEqualTo("3 changed");

        robot.interact(() -> studio().submit().modeProperty().set(app.comfydesk.ui.workflow.SubmitMode.FULL));
        robot.interact(() -> studio().studio().preview().refresh());
        JsonNode full = JSON.readTree(studio().studio().preview().text());
        assertThat(full.get("workflow_api_json").get("6").get("inputs").get("text").asText()).isEqualTo("a red fox");
        assertThat(full.get("workflow_api_json").get("6").get("inputs").get("clip").toString()).isEqualTo("[\"4\",1]");
    }

    /** Runs collections until a fresh, weakly held object is gone: whatever else only weak references held went too. */
    private static void collectGarbage() {
        java.lang.ref.WeakReference<Object> probe = new java.lang.ref.WeakReference<>(new Object());
        for (int i = 0; i < 20 && probe.get() != null; i++) {
            System.gc();
        }
        assertThat(probe.get()).as("a garbage collection ran").isNull();
    }

    @Test
    void anInputsResetButtonAndProblemTextAreMadeWhenFirstNeededWithoutMovingItsRow(FxRobot robot) {
        readyToSubmit(robot);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.Region marker = robot.lookup("#field-3-steps .change-marker")
                .queryAs(javafx.scene.layout.Region.class);
        TextField steps = robot.lookup("#field-3-steps .text-field").queryAs(TextField.class);
        assertThat(robot.lookup("#field-3-steps .reset-button").tryQuery()).as("no button before a change").isEmpty();
        assertThat(robot.lookup("#field-3-steps .field-problem").tryQuery()).as("no text before a problem").isEmpty();
        double markerWidth = marker.getWidth();
        double editorWidth = steps.getWidth();
        assertThat(markerWidth).isPositive();

        var field = studio().form().field(new app.comfydesk.workflow.InputRef("3", "steps")).orElseThrow();
        robot.interact(() -> field.valueProperty().set(com.fasterxml.jackson.databind.node.IntNode.valueOf(25)));
        WaitForAsyncUtils.waitForFxEvents();
        Button reset = robot.lookup("#field-3-steps .reset-button").queryButton();
        assertThat(reset.isVisible() && marker.isVisible()).isTrue();
        assertThat(marker.getWidth()).as("the marker's room was kept for it").isEqualTo(markerWidth);
        assertThat(steps.getWidth()).as("the editor did not move").isEqualTo(editorWidth);

        collectGarbage(); // what waits for the first problem must not be only weakly held (it was: a flaky failure)
        robot.interact(() -> steps.setText("twenty"));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Label problem = robot.lookup("#field-3-steps .field-problem")
                .queryAs(javafx.scene.control.Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).isEqualTo(field.problemProperty().get()).isNotBlank();

        robot.interact(reset::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(field.isChanged()).isFalse();
        assertThat(marker.isVisible()).as("the marker hides again").isFalse();
        assertThat(problem.isVisible()).as("the problem hides again: " + field.problemProperty().get()).isFalse();
    }

    @Test
    void aTypedComboValueOutsideTheListWarnsButDoesNotBlockAndResetRestoresIt(FxRobot robot) {
        readyToSubmit(robot);
        @SuppressWarnings("unchecked")
        ComboBox<String> sampler = robot.lookup("#field-3-sampler_name .combo-box").queryAs(ComboBox.class);
        robot.interact(() -> sampler.setValue("my_custom_sampler"));
        var field = studio().form().field(new app.comfydesk.workflow.InputRef("3", "sampler_name")).orElseThrow();
        assertThat(field.getValue().asText()).isEqualTo("my_custom_sampler");
        assertThat(field.severityProperty().get()).isEqualTo(app.comfydesk.workflow.Severity.WARNING);
        assertThat(field.problemProperty().get()).isNotBlank();
        assertThat(studio().submit().getBlockedReason()).isNull();

        Button reset = robot.lookup("#field-3-sampler_name .reset-button").queryButton();
        assertThat(reset.getParent().isVisible()).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(reset);
        assertThat(field.getValue().asText()).isEqualTo("euler");
        assertThat(sampler.getValue()).isEqualTo("euler");
        assertThat(field.isChanged()).isFalse();
        assertThat(field.problemProperty().get()).isNull();
    }

    @Test
    void draggingANumbersLabelScrubsItsValue(FxRobot robot) {
        readyToSubmit(robot);
        javafx.scene.control.Label steps = robot.lookup("#field-3-steps .scrub-label").queryAs(
                javafx.scene.control.Label.class);
        robot.drag(steps).moveBy(30, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        var field = studio().form().field(new app.comfydesk.workflow.InputRef("3", "steps")).orElseThrow();
        assertThat(field.getValue().asInt()).isEqualTo(25);
        assertThat(field.isChanged()).isTrue();
    }

    @Test
    void anImageDroppedAsAFileIsSentAsADataUri(FxRobot robot) throws Exception {
        robot.interact(() -> studio().studio().load(() -> new WorkflowLoader().loadResource(
                "/assets/workflows/sample-image-edit.json", "sample-image-edit.json", null), "image edit sample"));
        assertThat(studio().form().images()).hasSize(1);
        var image = studio().form().images().get(0);
        Path png = TestPngs.write(fixture.folder.resolve("input.png"), 16, 16, null);
        ImageDropZone zone = robot.lookup("#image-10-image").queryAs(ImageDropZone.class);
        robot.interact(() -> zone.useFile(png));

        assertThat(image.getValue().asText()).startsWith("data:image/png;base64,");
        JsonNode body = preview(robot);
        String sent = body.get("overrides").get(image.ref().nodeId()).get("inputs").get(image.ref().key()).asText();
        assertThat(sent).isEqualTo("data:image/png;base64,"
                + java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(png)));

        robot.interact(() -> zone.useUrl("https://example.com/cat.png"));
        assertThat(image.getValue().asText()).isEqualTo("https://example.com/cat.png");
    }

    @Test
    void invalidValuesBlockSubmitWithASummaryAndFixingThemUnblocks(FxRobot robot) {
        readyToSubmit(robot);
        Button submit = robot.lookup("#submitButton").queryButton();
        assertThat(submit.isDisabled()).isFalse();

        TextField steps = robot.lookup("#field-3-steps .text-field").queryAs(TextField.class);
        robot.interact(() -> steps.setText("many"));
        assertThat(submit.isDisabled()).isTrue();
        assertThat(studio().submit().getBlockedReason()).contains("KSampler (3) › steps").contains("\"many\"");
        robot.interact(() -> steps.setText("0"));
        assertThat(studio().submit().getBlockedReason()).contains("out of range");
        assertThat(robot.lookup("#submitBlocked").query().isVisible()).isTrue();

        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.ENTER);
        assertThat(submitted).isEmpty();
        assertThat(studio().window().messageBar().currentText()).contains("steps");
        StudioFixture.snapshotIfAsked(robot, studio().window().root(), "studio-invalid.png");

        robot.interact(() -> steps.setText("30"));
        assertThat(submit.isDisabled()).isFalse();
        robot.clickOn("#submitButton");
        assertThat(submitted).hasSize(1);
        assertThat(submitted.get(0).request().toJson().toString()).contains("\"steps\":30");
        assertThat(studio().window().messageBar().currentText()).contains("not sent in this test");
    }

    @Test
    void aBatchStepsIncrementSeedsPerRun(FxRobot robot) {
        readyToSubmit(robot);
        var seed = studio().form().field(new app.comfydesk.workflow.InputRef("3", "seed")).orElseThrow();
        robot.interact(() -> {
            seed.valueProperty().set(com.fasterxml.jackson.databind.node.LongNode.valueOf(100));
            seed.seedModeProperty().set(app.comfydesk.workflow.SeedMode.INCREMENT);
            studio().submit().batchProperty().set(3);
        });
        robot.clickOn("#submitButton");
        assertThat(submitted).extracting(s -> s.request().toJson().get("overrides").get("3").get("inputs")
                .get("seed").asLong()).containsExactly(100L, 101L, 102L);
    }

    @Test
    void presetsSaveApplyAndDelete(FxRobot robot) throws Exception {
        readyToSubmit(robot);
        var prompt = studio().form().prompts().get(0);
        robot.interact(() -> prompt.valueProperty().set(com.fasterxml.jackson.databind.node.TextNode.valueOf("fox")));
        robot.interact(() -> studio().studio().savePreset("Fox"));
        assertThat(studio().studio().presetNames()).containsExactly("Fox");
        try (var files = Files.list(fixture.folder.resolve("config/presets"))) {
            assertThat(files.toList()).singleElement().satisfies(file ->
                    assertThat(Files.readString(file)).contains("\"Fox\"").contains("\"fox\""));
        }

        robot.interact(() -> studio().form().resetAll());
        assertThat(studio().form().getEdit().hasChanges()).isFalse();
        robot.interact(() -> studio().studio().applyPreset("Fox"));
        assertThat(studio().form().getEdit().value(prompt.ref()).asText()).isEqualTo("fox");
        assertThat(robot.lookup("#prompt-6-text").queryAs(TextArea.class).getText()).isEqualTo("fox");

        robot.interact(() -> studio().studio().deletePreset("Fox"));
        assertThat(studio().studio().presetNames()).isEmpty();
    }

    @Test
    void switchingProfilesIsOneClickAndRemembered(FxRobot robot) {
        Profile studioA = new Profile(null, "Studio A", Profile.DEFAULT_BASE_URL, "v1", "dep-a", null, false, null,
                null, false);
        Profile studioB = new Profile(null, "Studio B", Profile.DEFAULT_BASE_URL, "v2", "dep-b", null, false, null,
                null, false);
        robot.interact(() -> studio().profiles().apply(List.of(new ProfileDraft(studioA, "tok-a", null),
                new ProfileDraft(studioB, "", null)), studioA.id()));
        robot.interact(() -> studio().studio().loadSample());
        assertThat(studio().profiles().getActive()).isEqualTo(studioA);

        robot.clickOn("#profileSelector");
        robot.clickOn("Studio B");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(studio().profiles().getActive()).isEqualTo(studioB);
        assertThat(fixture.settings.current().activeProfileId()).isEqualTo(studioB.id());
        assertThat(studio().submit().getBlockedReason()).isEqualTo(
                "Account \"Studio B\" has no API token: add it in Accounts.");
        assertThat(Files.exists(fixture.folder.resolve("config/settings.json"))).isTrue();
    }

    @Test
    void theFilterFindsInputsAndTheJsonEditorValidates(FxRobot robot) throws Exception {
        String json = "{\"1\": {\"class_type\": \"MyCustomNode\", \"inputs\": {\"settings\": {\"a\": 1},"
                + " \"strength\": 0.5}}, \"2\": {\"class_type\": \"EmptyLatentImage\", \"inputs\":"
                + " {\"width\": 512, \"height\": 512, \"batch_size\": 1}}}";
        robot.interact(() -> {
            studio().profiles().addSandbox(Profile.sandbox("http://127.0.0.1:9", "d"), "tok", true);
            studio().submit().submitterProperty().set(s -> CompletableFuture.failedFuture(new IllegalStateException()));
            studio().studio().load(() -> new WorkflowLoader().load(json, "custom.json", null), "custom");
        });
        assertThat(app.comfydesk.ui.workflow.FormItemsProbe.sections(studio().form())).isEqualTo(2);
        robot.clickOn("#filterField").write("strength");
        assertThat(app.comfydesk.ui.workflow.FormItemsProbe.sections(studio().form())).isEqualTo(1);
        robot.interact(() -> studio().form().filterProperty().set(""));

        TextArea editor = robot.lookup("#field-1-settings .json-editor").queryAs(TextArea.class);
        robot.interact(() -> editor.setText("{\"a\": 2,"));
        assertThat(studio().submit().getBlockedReason()).contains("settings").contains("not valid JSON");
        robot.interact(() -> editor.setText("{\"a\": 2, \"b\": [1, 2.50]}"));
        assertThat(studio().submit().getBlockedReason()).isNull();
        robot.interact(() -> studio().studio().preview().refresh());
        assertThat(studio().form().getEdit().overrides().toString())
                .isEqualTo("{\"1\":{\"inputs\":{\"settings\":{\"a\":2,\"b\":[1,2.50]}}}}");
    }

    @Test
    void theThemeSwitchGoesDarkAndIsRemembered(FxRobot robot) {
        robot.clickOn("#themeToggle");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.DARK.userAgentStylesheet());
        assertThat(fixture.savedTheme.get()).isEqualTo(Theme.DARK);
        robot.clickOn("#themeToggle");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.LIGHT.userAgentStylesheet());
    }
}
