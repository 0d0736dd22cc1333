package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.workflow.SandboxSample;
import app.comfydesk.ui.workflow.UnsavedEdits;
import app.comfydesk.ui.workflow.WorkflowLoader;
import app.comfydesk.ui.workflow.WorkflowStudio;
import javafx.geometry.Bounds;
import javafx.scene.control.Button;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.MenuButton;
import javafx.scene.layout.Region;
import org.testfx.util.WaitForAsyncUtils;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Fixes found by running the real app: readability, layout under long names, menus, banners. */
@ExtendWith(ApplicationExtension.class)
class StudioPolishTest {

    private StudioFixture fixture;
    private final List<app.comfydesk.jobs.JobSubmission> submitted =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        fixture = new StudioFixture(stage);
    }

    private StudioWindow studio() {
        return fixture.studio;
    }

    private void loadSample(FxRobot robot) {
        robot.interact(() -> {
            studio().profiles().addSandbox(Profile.sandbox("http://127.0.0.1:9", "sample-txt2img"), "tok", true);
            studio().submit().submitterProperty().set(submission -> {
                submitted.add(submission);
                return java.util.concurrent.CompletableFuture.failedFuture(
                        new IllegalStateException("not sent in this test"));
            });
            studio().studio().loadSample();
        });
    }

    private static double luminance(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    @Test
    void generateWordsAreLightOnTheAccentAndShowTheBatch(FxRobot robot) {
        loadSample(robot);
        Label label = robot.lookup("#submitLabel").queryAs(Label.class);
        assertThat(label.getTextFill()).isInstanceOf(Color.class);
        assertThat(luminance((Color) label.getTextFill())).as("text on the blue accent must be light")
                .isGreaterThan(0.8);
        assertThat(label.getText()).isEqualTo("Generate");
        robot.interact(() -> studio().submit().batchProperty().set(4));
        assertThat(label.getText()).isEqualTo("Generate \u00d74");
    }

    private void loadSampleNamed(FxRobot robot, String name) {
        robot.interact(() -> studio().studio().load(() -> new WorkflowLoader().loadResource(
                WorkflowStudio.SAMPLE_RESOURCE, name, null), name));
    }

    @Test
    void aLongWorkflowNameEllipsizesAndLeavesTheToolbarWhole(FxRobot robot) {
        loadSample(robot);
        String name = "flux_kontext_dev_with_a_really_really_long_name_for_the_upscaled_portrait_batch_v17_final.json";
        loadSampleNamed(robot, name);
        robot.interact(() -> robot.lookup("#mainToolbar").queryAs(Region.class).getScene().getWindow().setWidth(1000));
        WaitForAsyncUtils.waitForFxEvents();
        Region toolbar = robot.lookup("#mainToolbar").queryAs(Region.class);
        MenuButton workflow = robot.lookup("#workflowName").queryAs(MenuButton.class);
        Button generate = robot.lookup("#submitButton").queryAs(Button.class);
        assertThat(workflow.getWidth()).isLessThanOrEqualTo(340.5);
        assertThat(generate.getWidth()).isGreaterThanOrEqualTo(generate.prefWidth(-1) - 0.5);
        Bounds inToolbar = toolbar.sceneToLocal(generate.localToScene(generate.getBoundsInLocal()));
        assertThat(inToolbar.getMaxX()).isLessThanOrEqualTo(toolbar.getWidth() + 0.5);
        assertThat(((Stage) toolbar.getScene().getWindow()).getTitle()).isEqualTo(name + " \u2014 ComfyDesk");
    }

    @Test
    void menuTextsWithUnderscoresAreShownLiterally(FxRobot robot) throws Exception {
        loadSample(robot);
        Path file = fixture.folder.resolve("my_flux_v2.json");
        try (var in = getClass().getResourceAsStream(WorkflowStudio.SAMPLE_RESOURCE)) {
            Files.write(file, in.readAllBytes());
        }
        robot.interact(() -> studio().studio().open(file));
        MenuButton workflow = robot.lookup("#workflowName").queryAs(MenuButton.class);
        robot.interact(workflow::show);
        List<MenuItem> items = new java.util.ArrayList<>(workflow.getItems());
        robot.interact(workflow::hide);
        items.addAll(studio().window().appMenu().getItems());
        assertThat(workflow.isMnemonicParsing()).isFalse();
        assertThat(items).filteredOn(item -> item.getText() != null && item.getText().contains("_"))
                .isNotEmpty()
                .anyMatch(item -> item.getText().startsWith("my_flux_v2.json"))
                .allMatch(item -> !item.isMnemonicParsing());
    }

    @Test
    void requestPreviewHeaderFitsTheNarrowColumnAndCopySaysSo(FxRobot robot) {
        loadSample(robot);
        robot.interact(() -> studio().window().mainSplit().setDividerPositions(0.0));
        robot.clickOn("#previewToggle");
        WaitForAsyncUtils.waitForFxEvents();
        Region pane = robot.lookup("#previewPane").queryAs(Region.class);
        assertThat(pane.getWidth()).isLessThan(420);
        var cut = robot.from(pane).lookup(".label").queryAllAs(Label.class).stream()
                .filter(l -> l.isVisible() && l.getText() != null && !l.getText().isEmpty())
                .filter(l -> l.getWidth() + 0.5 < l.prefWidth(-1)).map(Label::getText).toList();
        assertThat(cut).as("cut-off header texts").isEmpty();
        robot.clickOn("#copyJsonButton");
        assertThat(studio().studio().preview().note()).isEqualTo("JSON copied to the clipboard");
        robot.clickOn("#copyCurlButton");
        assertThat(studio().studio().preview().note()).isEqualTo("curl command copied to the clipboard");
    }

    @Test
    void theCannotGenerateBannerFollowsValidation(FxRobot robot) {
        loadSample(robot);
        TextField steps = robot.lookup("#field-3-steps .text-field").queryAs(TextField.class);
        robot.interact(() -> steps.setText("many"));
        robot.interact(() -> studio().studio().generate());
        assertThat(studio().window().messageBar().currentText()).contains("\"many\"");
        robot.interact(() -> steps.setText("0"));
        assertThat(studio().window().messageBar().currentText()).contains("out of range");
        robot.interact(() -> steps.setText("30"));
        assertThat(studio().window().messageBar().currentText()).isNull();
        assertThat(studio().window().messageBar().isVisible()).isFalse();
    }

    @Test
    void openingAnotherWorkflowAsksBeforeDroppingEditsAndReopeningKeepsThem(FxRobot robot) throws Exception {
        Path file = fixture.folder.resolve("portrait.json");
        try (var in = getClass().getResourceAsStream(WorkflowStudio.SAMPLE_RESOURCE)) {
            Files.write(file, in.readAllBytes());
        }
        List<UnsavedEdits> asked = new java.util.ArrayList<>();
        boolean[] discard = {false};
        robot.interact(() -> studio().studio().setDiscardConfirmation(edits -> {
            asked.add(edits);
            return discard[0];
        }));
        robot.interact(() -> studio().studio().open(file));
        TextField steps = robot.lookup("#field-3-steps .text-field").queryAs(TextField.class);
        robot.interact(() -> steps.setText("33"));
        assertThat(studio().form().changedCountProperty().get()).isEqualTo(1);

        robot.interact(() -> studio().studio().open(file));
        assertThat(asked).as("same workflow: no question").isEmpty();
        assertThat(studio().form().changedCountProperty().get()).isEqualTo(1);

        robot.interact(() -> studio().studio().loadSample());
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).changedInputs()).isEqualTo(1);
        assertThat(studio().form().getDocument().displayName()).isEqualTo("portrait.json");
        assertThat(studio().form().changedCountProperty().get()).isEqualTo(1);

        discard[0] = true;
        robot.interact(() -> studio().studio().loadSample());
        assertThat(studio().form().getDocument().displayName()).isNotEqualTo("portrait.json");
        assertThat(studio().form().changedCountProperty().get()).isZero();
    }

    @Test
    void aLoadedSampleIsRememberedAsTheLastWorkflowAndTargetsItsSandboxDeployment(FxRobot robot) {
        loadSample(robot);
        assertThat(fixture.settings.current().lastWorkflow()).isEqualTo("sample:sample-txt2img");
        assertThat(studio().profiles().getActive().deploymentId()).isEqualTo("sample-txt2img");

        robot.interact(() -> studio().studio().loadSample(SandboxSample.IMAGE_EDIT));
        assertThat(studio().form().getDocument().displayName()).isEqualTo("sample-image-edit.json");
        assertThat(fixture.settings.current().lastWorkflow()).isEqualTo("sample:sample-image-edit");
        assertThat(SandboxSample.fromMarker(fixture.settings.current().lastWorkflow()))
                .contains(SandboxSample.IMAGE_EDIT);
        assertThat(studio().profiles().getActive().sandbox()).isTrue();
        assertThat(studio().profiles().getActive().deploymentId()).isEqualTo("sample-image-edit");
        assertThat(studio().profiles().profiles()).filteredOn(Profile::sandbox).hasSize(1);
        assertThat(studio().profiles().token(studio().profiles().getActive())).contains("tok");
        var combo = robot.lookup("#profileSelector").queryAs(javafx.scene.control.ComboBox.class);
        assertThat(combo.getValue()).isEqualTo(studio().profiles().getActive());

        MenuButton workflow = robot.lookup("#workflowName").queryAs(MenuButton.class);
        robot.interact(workflow::show);
        var samples = workflow.getItems().stream().filter(i -> "samplesMenu".equals(i.getId()))
                .map(javafx.scene.control.Menu.class::cast).findFirst().orElseThrow();
        robot.interact(workflow::hide);
        assertThat(samples.getItems()).extracting(MenuItem::getText).containsExactly("Text to image", "Image edit");
    }

    @Test
    void theSeedFieldShowsAll20DigitsItsMessageWrapsAndNothingJumps(FxRobot robot) {
        loadSample(robot);
        // The app opens 1440 wide with the form column at 36 % (~520 px); the headless screen is 1280 wide.
        robot.interact(() -> studio().window().root().getScene().getWindow().setWidth(1260));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> studio().window().mainSplit().setDividerPositions(0.415));
        TextField seed = robot.lookup("#field-3-seed .seed-text").queryAs(TextField.class);
        robot.interact(() -> seed.setText("18446744073709551615"));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.text.Text digits = new javafx.scene.text.Text("18446744073709551615");
        digits.setFont(seed.getFont());
        StudioFixture.snapshotIfAsked(robot, studio().window().root(), "seed-digits.png");
        double inside = seed.getWidth() - seed.getPadding().getLeft() - seed.getPadding().getRight();
        assertThat(inside).isGreaterThanOrEqualTo(digits.getLayoutBounds().getWidth());

        Region filter = robot.lookup("#filterField").queryAs(Region.class);
        Button generate = robot.lookup("#submitButton").queryAs(Button.class);
        robot.interact(() -> seed.setText("0"));
        WaitForAsyncUtils.waitForFxEvents();
        double filterWidth = filter.getWidth();
        double generateX = generate.localToScene(0, 0).getX();
        robot.interact(() -> seed.setText("-1"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(filter.getWidth()).isEqualTo(filterWidth);
        assertThat(generate.localToScene(0, 0).getX()).isEqualTo(generateX);

        Label problem = robot.lookup("#field-3-seed .field-problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).contains("18446744073709551615");
        StudioFixture.snapshotIfAsked(robot, studio().window().root(), "seed-problem.png");
        assertThat(problem.getHeight()).as("wrapped, not cut")
                .isGreaterThanOrEqualTo(problem.prefHeight(problem.getWidth()) - 0.5);
    }

    @Test
    void plusOnePerRunSeedsMovePastASubmittedBatchAndFixedSeedsInABatchAreFlagged(FxRobot robot) {
        loadSample(robot);
        robot.interact(() -> studio().submit().submitterProperty().set(submission -> {
            submitted.add(submission);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }));
        var seed = studio().form().field(new app.comfydesk.workflow.InputRef("3", "seed")).orElseThrow();
        robot.interact(() -> {
            seed.valueProperty().set(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(100L));
            seed.seedModeProperty().set(app.comfydesk.workflow.SeedMode.FIXED);
            studio().submit().batchProperty().set(3);
        });
        assertThat(robot.lookup("#identicalBatchHint").query().isVisible()).isTrue();
        assertThat(studio().submit().identicalBatchProperty().get()).contains("identical");
        robot.interact(() -> seed.seedModeProperty().set(app.comfydesk.workflow.SeedMode.INCREMENT));
        assertThat(studio().submit().identicalBatchProperty().get()).isNull();
        assertThat(robot.lookup("#identicalBatchHint").query().isVisible()).isFalse();

        robot.interact(() -> studio().studio().generate());
        assertThat(submitted).hasSize(3);
        assertThat(seed.getValue().asLong()).isEqualTo(103L);
        robot.interact(() -> studio().studio().generate());
        assertThat(submitted).hasSize(6);
        assertThat(submitted.get(3).edits().at("/3/inputs/seed").asLong()).isEqualTo(103L);
    }

    @Test
    void quitGoesThroughTheCloseRequestAndProfilesAndThemeHaveShortcuts(FxRobot robot) {
        var items = studio().window().appMenu().getItems();
        assertThat(items.get(items.size() - 1).getText()).isEqualTo("Quit");
        assertThat(items).filteredOn(i -> i.getAccelerator() != null)
                .extracting(i -> i.getText() + "=" + i.getAccelerator().getName())
                .contains("Quit=Shortcut+Q", "Accounts…=Shortcut+Comma", "Deployments…=Shortcut+D",
                        "Dark theme=Shift+Shortcut+L");
        var scene = studio().window().root().getScene();
        assertThat(scene.getAccelerators()).containsKeys(StudioWindow.QUIT_SHORTCUT, StudioWindow.PROFILES_SHORTCUT,
                StudioWindow.THEME_SHORTCUT);
        robot.interact(() -> scene.getAccelerators().get(StudioWindow.THEME_SHORTCUT).run());
        assertThat(studio().themes().getTheme().isDark()).isTrue();

        Stage stage = (Stage) scene.getWindow();
        List<String> asked = new java.util.ArrayList<>();
        javafx.event.EventHandler<javafx.stage.WindowEvent> veto = event -> {
            asked.add("quit?");
            event.consume();
        };
        robot.interact(() -> stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST, veto));
        robot.interact(() -> scene.getAccelerators().get(StudioWindow.QUIT_SHORTCUT).run());
        assertThat(asked).containsExactly("quit?");
        assertThat(stage.isShowing()).isTrue();
        robot.interact(() -> stage.removeEventHandler(javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST, veto));

        Stage[] others = new Stage[1];
        boolean[] closed = {false};
        robot.interact(() -> {
            others[0] = new Stage();
            Stage other = others[0];
            other.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 100, 100));
            other.show();
            closed[0] = StudioWindow.requestClose(other);
        });
        assertThat(closed[0]).isTrue();
        assertThat(others[0].isShowing()).isFalse();
    }

    @Test
    void applyingAPresetAsksBeforeDroppingEditsThatAreInNoPreset(FxRobot robot) {
        List<UnsavedEdits> asked = new java.util.ArrayList<>();
        boolean[] discard = {false};
        robot.interact(() -> {
            studio().studio().setDiscardConfirmation(edits -> {
                asked.add(edits);
                return discard[0];
            });
            studio().studio().loadSample();
        });
        TextField steps = robot.lookup("#field-3-steps .text-field").queryAs(TextField.class);
        robot.interact(() -> steps.setText("33"));
        robot.interact(() -> studio().studio().savePreset("thirty-three"));
        robot.interact(() -> steps.setText("44"));

        robot.interact(() -> studio().studio().applyPreset("thirty-three"));
        assertThat(asked).singleElement().satisfies(edits -> {
            assertThat(edits.action()).isEqualTo("Applying");
            assertThat(edits.nextName()).isEqualTo("preset \"thirty-three\"");
        });
        assertThat(steps.getText()).as("declined: the edit stays").isEqualTo("44");

        discard[0] = true;
        robot.interact(() -> studio().studio().applyPreset("thirty-three"));
        assertThat(asked).hasSize(2);
        assertThat(steps.getText()).isEqualTo("33");

        // The form now holds exactly the preset: applying it (or another) again loses nothing, so no question.
        robot.interact(() -> studio().studio().applyPreset("thirty-three"));
        assertThat(asked).hasSize(2);
    }
}
