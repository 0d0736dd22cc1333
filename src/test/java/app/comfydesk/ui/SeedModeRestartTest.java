package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import app.comfydesk.ui.common.Theme;
import app.comfydesk.ui.common.ThemeManager;
import app.comfydesk.ui.settings.InMemorySecretStore;
import app.comfydesk.ui.settings.SettingsService;
import app.comfydesk.ui.settings.SettingsStore;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.SeedMode;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The seed mode chosen for a workflow's seed input comes back after a restart of the studio, per workflow. */
@ExtendWith(ApplicationExtension.class)
class SeedModeRestartTest {

    private static final InputRef SEED = new InputRef("3", "seed");
    private StudioFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new StudioFixture(stage);
        fixture.studio.studio().loadSample();
    }

    private StudioWindow restarted() {
        SameThreadBackgroundExecutor executor = new SameThreadBackgroundExecutor(ComfyDeskApp.errorMessages());
        SettingsService settings = new SettingsService(new SettingsStore(fixture.folder.resolve("config")),
                new InMemorySecretStore(), executor);
        return StudioFixture.newStudio(settings, executor, fixture.folder.resolve("config"),
                new ThemeManager(Theme.LIGHT, theme -> { }));
    }

    @Test
    void aChosenSeedModeIsRememberedAndTheDefaultIsNotStored(FxRobot robot) throws Exception {
        assertThat(fixture.studio.form().seedModes()).containsEntry(SEED, SeedMode.RANDOM);
        robot.interact(() -> fixture.studio.form().field(SEED).orElseThrow().seedModeProperty()
                .set(SeedMode.INCREMENT));

        StudioWindow[] next = new StudioWindow[1];
        robot.interact(() -> {
            next[0] = restarted();
            next[0].studio().loadSample();
        });
        assertThat(next[0].form().seedModes()).containsEntry(SEED, SeedMode.INCREMENT);

        // Back to the default: nothing is kept, and the next start begins in random again.
        robot.interact(() -> next[0].form().field(SEED).orElseThrow().seedModeProperty().set(SeedMode.RANDOM));
        try (var files = Files.list(fixture.folder.resolve("config/session-edits"))) {
            assertThat(files.map(Path::getFileName)).isEmpty();
        }
        StudioWindow[] third = new StudioWindow[1];
        robot.interact(() -> {
            third[0] = restarted();
            third[0].studio().loadSample();
        });
        assertThat(third[0].form().seedModes()).containsEntry(SEED, SeedMode.RANDOM);
    }
}
