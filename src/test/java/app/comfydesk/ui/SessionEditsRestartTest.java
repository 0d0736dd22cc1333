package app.comfydesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import app.comfydesk.ui.common.Theme;
import app.comfydesk.ui.common.ThemeManager;
import app.comfydesk.ui.settings.InMemorySecretStore;
import app.comfydesk.ui.settings.SettingsService;
import app.comfydesk.ui.settings.SettingsStore;
import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.InputRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 16 item 8: the form's edits and the batch size survive a restart, per workflow, and the quit question
 * says they are kept.
 */
@ExtendWith(ApplicationExtension.class)
class SessionEditsRestartTest {

    private static final InputRef PROMPT = new InputRef("6", "text");
    private StudioFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new StudioFixture(stage);
        fixture.studio.studio().loadSample();
    }

    /** A second window over the same config folder, as the next start of the app builds it. */
    private StudioWindow restarted() {
        SameThreadBackgroundExecutor executor = new SameThreadBackgroundExecutor(ComfyDeskApp.errorMessages());
        SettingsService settings = new SettingsService(new SettingsStore(fixture.folder.resolve("config")),
                new InMemorySecretStore(), executor);
        return StudioFixture.newStudio(settings, executor, fixture.folder.resolve("config"),
                new ThemeManager(Theme.LIGHT, theme -> { }));
    }

    @Test
    void editsAndBatchComeBackAfterARestartAndTheQuitQuestionSaysSo(FxRobot robot) throws Exception {
        TextArea prompt = robot.lookup("#prompt-6-text").queryAs(TextArea.class);
        String original = prompt.getText();
        robot.interact(() -> {
            prompt.setText("a lighthouse at dusk");
            fixture.studio.submit().batchProperty().set(3);
        });
        assertThat(fixture.studio.studio().sessionNote()).contains("Your 1 edit to ").contains(" is kept");

        StudioWindow[] next = new StudioWindow[1];
        robot.interact(() -> {
            next[0] = restarted();
            next[0].studio().loadSample();
        });
        assertThat(next[0].form().getEdit().value(PROMPT).asText()).isEqualTo("a lighthouse at dusk");
        assertThat(next[0].submit().batchProperty().get()).isEqualTo(3);
        assertThat(next[0].window().statusMessageLabel().getText())
                .endsWith(" · 1 edit and batch 3 from your last session restored");

        // Back to the file's values: nothing is kept, so the next start opens the file as it is.
        robot.interact(() -> {
            next[0].form().resetAll();
            next[0].submit().batchProperty().set(1);
        });
        assertThat(next[0].studio().sessionNote()).isNull();
        try (var files = Files.list(fixture.folder.resolve("config/session-edits"))) {
            assertThat(files.map(Path::getFileName)).isEmpty();
        }
        StudioWindow[] third = new StudioWindow[1];
        robot.interact(() -> {
            third[0] = restarted();
            third[0].studio().loadSample();
        });
        assertThat(third[0].form().getEdit().value(PROMPT).asText()).isEqualTo(original);
        assertThat(third[0].submit().batchProperty().get()).isEqualTo(1);
    }

    @Test
    void aKeptFileThatChangesNothingRestoresNothingAndSaysNothing(FxRobot robot) throws Exception {
        TextArea prompt = robot.lookup("#prompt-6-text").queryAs(TextArea.class);
        String original = prompt.getText();
        robot.interact(() -> prompt.setText("a lighthouse at dusk"));
        // The kept file as an older run could leave it: its edit is the file's own value, its batch the default.
        Path kept;
        try (var files = Files.list(fixture.folder.resolve("config/session-edits"))) {
            kept = files.findFirst().orElseThrow();
        }
        ObjectNode content = (ObjectNode) ExactJson.parse(Files.readString(kept));
        replaceText(content.get("overrides"), "a lighthouse at dusk", original);
        content.put("batch", 1);
        Files.writeString(kept, ExactJson.write(content));

        StudioWindow[] next = new StudioWindow[1];
        robot.interact(() -> {
            next[0] = restarted();
            next[0].studio().loadSample();
        });
        assertThat(next[0].form().getEdit().value(PROMPT).asText()).isEqualTo(original);
        assertThat(next[0].window().statusMessageLabel().getText()).doesNotContain("restored")
                .doesNotContain("0 edit");
    }

    /** Puts {@code now} wherever {@code was} is a text value under {@code node}. */
    private static void replaceText(JsonNode node, String was, String now) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                if (was.equals(object.get(name).asText(null)) && object.get(name).isTextual()) {
                    object.put(name, now);
                } else {
                    replaceText(object.get(name), was, now);
                }
            });
        } else if (node != null && node.isArray()) {
            node.forEach(child -> replaceText(child, was, now));
        }
    }
}
