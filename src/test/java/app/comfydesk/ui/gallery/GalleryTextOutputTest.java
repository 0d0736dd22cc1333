package app.comfydesk.ui.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A text output (text_<node>.txt, as the engine saves it) is shown in the gallery's viewer as its text. */
@ExtendWith(ApplicationExtension.class)
class GalleryTextOutputTest {

    @TempDir
    static Path temp;

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createTempDirectory(temp, "outputs");
        Path text = Files.writeString(folder.resolve("text_12.txt"), "a lighthouse at dusk, oil painting\n");
        GalleryViewModel model = new GalleryViewModel(new ThumbnailCache(folder.resolve("cache")),
                new OutputActions(new SameThreadBackgroundExecutor(), DesktopIntegration.system()));
        GalleryView view = new GalleryView(model, new SameThreadBackgroundExecutor());
        model.show("Job #1", 1L, List.of(new OutputItem(text, 1, "text_12.txt")));
        stage.setScene(new Scene(view, 900, 600));
        stage.show();
    }

    @Test
    void theViewerShowsTheTextOfATextOutput(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        TextArea shown = robot.lookup("#textOutput").queryAs(TextArea.class);
        assertThat(shown.getText()).isEqualTo("a lighthouse at dusk, oil painting");
        assertThat(shown.isEditable()).isFalse();
        assertThat(new OutputItem(Path.of("text_3.txt"), 1, null).kind()).isEqualTo(MediaKind.TEXT);
    }
}
