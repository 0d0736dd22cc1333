package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(FxStages.class)
class WindowStateStoreTest {

    @TempDir
    Path dir;

    private Stage showWindow(WindowStateStore store, SplitPane split, TableView<String> table) throws Exception {
        return OnFx.call(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(split, table), 900, 600));
            store.restoreAndTrack(stage);
            stage.show();
            store.track("main", split);
            store.track("jobs", table);
            return stage;
        });
    }

    private static SplitPane split() {
        SplitPane pane = new SplitPane(new StackPane(), new StackPane());
        pane.setDividerPositions(0.5);
        return pane;
    }

    private static TableView<String> table() {
        TableView<String> table = new TableView<>();
        TableColumn<String, String> status = new TableColumn<>("Status");
        status.setId("status");
        TableColumn<String, String> prompt = new TableColumn<>("Prompt");
        table.getColumns().add(status);
        table.getColumns().add(prompt);
        return table;
    }

    @Test
    void boundsDividersAndColumnsSurviveARestart() throws Exception {
        Path file = dir.resolve("config/window-state.properties");
        WindowStateStore first = WindowStateStore.load(file);
        SplitPane split = split();
        TableView<String> table = table();
        Stage stage = showWindow(first, split, table);
        OnFx.call(() -> {
            stage.setX(120);
            stage.setY(90);
            stage.setWidth(1000);
            stage.setHeight(700);
            split.setDividerPositions(0.3);
            table.getColumns().get(0).setPrefWidth(140);
            table.getColumns().get(1).setVisible(false);
            stage.hide(); // writes the file
            return null;
        });
        assertThat(Files.readString(file)).contains("window.width=1000.0", "split.main.0=0.3");

        WindowStateStore second = WindowStateStore.load(file);
        SplitPane split2 = split();
        TableView<String> table2 = table();
        Stage stage2 = showWindow(second, split2, table2);
        assertThat(stage2.getX()).isEqualTo(120);
        assertThat(stage2.getY()).isEqualTo(90);
        assertThat(stage2.getWidth()).isEqualTo(1000);
        assertThat(stage2.getHeight()).isEqualTo(700);
        assertThat(split2.getDividerPositions()[0]).isEqualTo(0.3);
        assertThat(table2.getColumns().get(0).getPrefWidth()).isEqualTo(140);
        assertThat(table2.getColumns().get(1).isVisible()).isFalse();
    }

    @Test
    void aWindowLastSeenOnAScreenThatIsGoneIsCentredInstead() throws Exception {
        Path file = dir.resolve("window-state.properties");
        Files.writeString(file, "window.x=5000\nwindow.y=3000\nwindow.width=800\nwindow.height=500\n");
        Stage stage = showWindow(WindowStateStore.load(file), split(), table());
        assertThat(stage.getWidth()).isEqualTo(800);
        assertThat(stage.getX()).isLessThan(1000);
        assertThat(stage.getY()).isLessThan(1000);
    }

    @Test
    void aCorruptFileIsIgnoredAndNoTempFileIsLeftBehind() throws Exception {
        Path file = dir.resolve("window-state.properties");
        Files.writeString(file, "window.width=\\u12\n"); // a malformed escape: Properties.load throws
        WindowStateStore store = WindowStateStore.load(file);
        store.flush();
        assertThat(Files.readString(file)).startsWith("#ComfyDesk window state").doesNotContain("window.width");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
