package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.ScriptedBackgroundExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Background loads finish in any order; only the newest one may show its result. */
@ExtendWith(ApplicationExtension.class)
class StudioLoadRaceTest {

    private static final Path FIRST = StudioFixture.corpus()
            .resolve("workflows/api/SaladTechnologies__comfyui-api__example-workflows_sd1.5_txt2img.json");
    private static final Path SECOND = StudioFixture.corpus()
            .resolve("workflows/api/SaladTechnologies__comfyui-api__example-workflows_flux_txt2img.json");
    private static final Path OBJECT_INFO = StudioFixture.corpus()
            .resolve("object_info/rvion__comfy-ts__tests_fixtures_object_info.json");

    private final ScriptedBackgroundExecutor executor = new ScriptedBackgroundExecutor();
    private StudioWindow studio;

    @Start
    void start(Stage stage) {
        studio = new StudioFixture(stage, executor).studio;
        executor.runAll();
    }

    private String shown() {
        return studio.form().getDocument().displayName();
    }

    @Test
    void aSlowAnswerForAReplacedWorkflowDoesNotBringItBack(FxRobot robot) {
        robot.interact(() -> {
            studio.studio().open(FIRST);
            studio.studio().open(SECOND);
            executor.readNewest().land();
            executor.read().land();
            executor.runAll();
        });

        assertThat(shown()).isEqualTo(SECOND.getFileName().toString());
    }

    @Test
    void aReDescriptionOfTheOldWorkflowLandingLateDoesNotReplaceTheNewOne(FxRobot robot) {
        robot.interact(() -> {
            studio.studio().open(FIRST);
            executor.runAll();
            studio.studio().open(OBJECT_INFO);
            executor.read().land(); // the schemas land; the first workflow's re-description starts
            ScriptedBackgroundExecutor.Landing redescription = executor.read();
            studio.studio().open(SECOND);
            executor.runAll();
            redescription.land();
            executor.runAll();
        });

        assertThat(shown()).isEqualTo(SECOND.getFileName().toString());
        assertThat(studio.form().getDocument().schemas()).isSameAs(studio.studio().schemasProperty().get());
    }

    @Test
    void anOlderSchemaLoadLandingLastDoesNotReplaceTheNewerSchemas(FxRobot robot) throws Exception {
        Path copy = Files.createTempFile(Path.of("target"), "object_info", ".json");
        Files.copy(OBJECT_INFO, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        robot.interact(() -> {
            studio.studio().open(FIRST);
            executor.runAll();
            studio.studio().open(OBJECT_INFO);
            studio.studio().open(copy);
            executor.readNewest().land();
            executor.read().land();
            executor.runAll();
        });

        assertThat(studio.window().messageBar().currentText()).contains(copy.getFileName().toString());
        assertThat(studio.form().getDocument().schemas()).isSameAs(studio.studio().schemasProperty().get());
        Files.deleteIfExists(copy);
    }
}
