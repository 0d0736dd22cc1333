package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.workflow.FieldModel;
import app.comfydesk.ui.workflow.FormItemsProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Opening every kind of file the studio accepts, and the error path that keeps the current form. */
@ExtendWith(ApplicationExtension.class)
class StudioLoadingTest {

    private StudioFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new StudioFixture(stage);
    }

    private StudioWindow studio() {
        return fixture.studio;
    }

    @Test
    void opensAnApiWorkflowFromTheCorpusIntoAFormWithPromptsFirst(FxRobot robot) {
        Path file = StudioFixture.corpus()
                .resolve("workflows/api/SaladTechnologies__comfyui-api__example-workflows_sd1.5_txt2img.json");
        robot.interact(() -> studio().studio().open(file));

        assertThat(studio().form().getDocument().displayName()).isEqualTo(file.getFileName().toString());
        assertThat(robot.lookup("#workflowForm").tryQuery()).isPresent();
        assertThat(robot.lookup("#workflowName").queryAs(Labeled.class).getText())
                .isEqualTo(file.getFileName().toString());
        assertThat(FormItemsProbe.headings(studio().form())).startsWith("Prompts");
        assertThat(studio().form().prompts()).extracting(field -> field.descriptor().role().name())
                .containsExactly("POSITIVE", "NEGATIVE");
        assertThat(fixture.settings.current().recentFiles()).containsExactly(file.toAbsolutePath().toString());
    }

    @Test
    void opensAnEnvelopeAndAComfyUiPng(FxRobot robot) throws Exception {
        Path envelope = StudioFixture.corpus().resolve(
                "workflows/envelopes/SaladTechnologies__comfyui-dynamic__workflow_api.json");
        robot.interact(() -> studio().studio().open(envelope));
        assertThat(studio().form().getDocument().workflow().nodes()).isNotEmpty();

        String json = Files.readString(StudioFixture.corpus().resolve(
                "workflows/api/SaladTechnologies__comfyui-api__example-workflows_flux_txt2img.json"));
        Path png = TestPngs.write(fixture.folder.resolve("generated.png"), 8, 8, json);
        robot.interact(() -> studio().studio().open(png));
        assertThat(studio().form().getDocument().displayName()).isEqualTo("generated.png");
        assertThat(studio().form().getDocument().workflow().nodes()).isNotEmpty();
        assertThat(studio().window().messageBar().isVisible()).isFalse();
    }

    @Test
    void aUiFormatWorkflowIsRefusedInWordsAndTheFormIsKept(FxRobot robot) {
        robot.interact(() -> studio().studio().loadSample());
        var before = studio().form().getDocument();
        FieldModel prompt = studio().form().prompts().get(0);
        robot.interact(() -> prompt.valueProperty().set(com.fasterxml.jackson.databind.node.TextNode.valueOf("kept")));

        Path ui = StudioFixture.corpus().resolve("workflows/ui/Acly__krita-ai-diffusion__tests_data_workflow-ui.json");
        robot.interact(() -> studio().studio().open(ui));

        assertThat(studio().form().getDocument()).isSameAs(before);
        assertThat(studio().form().getEdit().value(prompt.ref()).asText()).isEqualTo("kept");
        assertThat(studio().window().messageBar().isVisible()).isTrue();
        assertThat(studio().window().messageBar().currentText())
                .doesNotContain("Exception").contains("The current form is unchanged");
        assertThat(robot.lookup("#messageBar").tryQuery()).isPresent();
    }

    @Test
    void aMissingFileIsReportedAndNothingElseChanges(FxRobot robot) {
        robot.interact(() -> studio().studio().open(fixture.folder.resolve("nope.json")));
        assertThat(studio().form().getDocument()).isNull();
        assertThat(studio().window().messageBar().currentText()).contains("nope.json");
    }

    @Test
    void anObjectInfoFileSwitchesWidgetsToTheDeploymentSchema(FxRobot robot) {
        robot.interact(() -> studio().studio().loadSample());
        Path objectInfo = StudioFixture.corpus()
                .resolve("object_info/rvion__comfy-ts__tests_fixtures_object_info.json");
        robot.interact(() -> studio().studio().open(objectInfo));
        assertThat(studio().window().messageBar().currentText()).contains("node types");
        assertThat(studio().studio().schemasProperty().get()).isNotNull();
        assertThat(studio().window().messageBar().currentText()).contains("node types");
        assertThat(studio().form().getDocument().schemas()).isSameAs(studio().studio().schemasProperty().get());
    }
}
