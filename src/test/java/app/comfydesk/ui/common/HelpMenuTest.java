package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(FxStages.class)
class HelpMenuTest {

    @TempDir
    Path dir;

    private static MenuItem item(String text, String keys) {
        MenuItem item = new MenuItem(text);
        if (keys != null) {
            item.setAccelerator(KeyCombination.keyCombination(keys));
        }
        return item;
    }

    private static MenuBar menuBar() {
        Menu file = new Menu("_File", null, item("_Open…", "Shortcut+O"), item("Reload", "F5"),
                new Menu("Recent", null, item("portrait.json", null)), item("Quit", "Shortcut+Q"));
        Menu run = new Menu("Run", null, item("Submit", "Shortcut+Enter"), item("Cancel job", null));
        return new MenuBar(file, run);
    }

    @Test
    void theShortcutTableIsReadFromTheMenus() throws Exception {
        ShortcutTable table = OnFx.call(() -> ShortcutTable.of(menuBar())
                .with("Jobs", "Delete selected job", KeyCombination.keyCombination("Delete")));
        assertThat(table.entries()).extracting(ShortcutTable.Entry::group, ShortcutTable.Entry::action)
                .containsExactly(
                        tuple("File", "Open"),
                        tuple("File", "Reload"),
                        tuple("File", "Quit"),
                        tuple("Run", "Submit"),
                        tuple("Jobs", "Delete selected job"));
        assertThat(table.conflicts()).isEmpty();
        MenuButton appMenu = new MenuButton("", null, item("Open…", "Shortcut+O"), new Menu("Help", null,
                item("About", null), item("Keyboard shortcuts", "Shortcut+Slash")));
        assertThat(ShortcutTable.of(appMenu).entries())
                .extracting(ShortcutTable.Entry::group, ShortcutTable.Entry::action)
                .containsExactly(tuple("Main menu", "Open"),
                        tuple("Help", "Keyboard shortcuts"));
        assertThat(table.with("Form", "Filter", KeyCombination.keyCombination("Shortcut+O")).conflicts())
                .containsOnlyKeys(KeyCombination.keyCombination("Shortcut+O").getDisplayText());
    }

    @Test
    void theHelpMenuListsShortcutsOpensTheLogFolderAndCopiesDiagnosticsWithoutSecrets() throws Exception {
        Path logs = dir.resolve("state/ComfyDesk/logs");
        List<String> opened = new ArrayList<>();
        MenuBar bar = menuBar();
        HelpMenu help = new HelpMenu(() -> (Window) null, () -> ShortcutTable.of(bar), logs,
                () -> Map.of("profile", "Studio", "token", "rc_live_secret"), opened::add);
        OnFx.run(() -> bar.getMenus().add(help.build()));

        GridPane shown = OnFx.call(() -> HelpMenu.shortcutsGrid(ShortcutTable.of(bar).with(List.of(
                new ShortcutTable.Entry("Job table", "Cancel", "Ctrl+K"),
                new ShortcutTable.Entry("Viewer", "Copy image", "Ctrl+C")))));
        assertThat(shown.getChildren()).extracting(node -> ((Label) node).getText())
                .contains("Submit", "Keyboard shortcuts", "Job table", "Cancel", "Ctrl+K", "Viewer", "Copy image")
                .doesNotContain("Menu");

        OnFx.run(help::openLogFolder);
        assertThat(Files.isDirectory(logs)).isTrue();
        assertThat(opened).containsExactly(logs.toUri().toString());

        String copied = OnFx.call(() -> {
            help.copyDiagnostics();
            return Clipboard.getSystemClipboard().getString();
        });
        assertThat(copied).startsWith("ComfyDesk diagnostics").contains("profile: Studio", "token: <redacted>")
                .doesNotContain("rc_live_secret");
        assertThat(help.lastMessageProperty().get()).isEqualTo("Diagnostics copied to the clipboard");
    }

    @Test
    void theDialogListsTheJobTableAndViewerKeysByAreaWithoutConflicts() throws Exception {
        ShortcutTable table = OnFx.call(() -> {
            MenuButton appMenu = new MenuButton("☰");
            MenuItem submit = new MenuItem("Submit");
            submit.setAccelerator(KeyCombination.valueOf("Shortcut+Enter"));
            appMenu.getItems().add(submit);
            return app.comfydesk.ui.jobs.JobMonitorFeature.shortcuts(appMenu);
        });
        assertThat(table.byGroup()).containsKeys("Main menu", "Job table", "Viewer");
        assertThat(table.byGroup().get("Job table")).extracting(ShortcutTable.Entry::action)
                .contains("Cancel selected jobs", "Delete remote assets of selected jobs", "Re-run with the same edits",
                        "Load edits into the form", "Open output folder", "Copy request id", "Copy error");
        assertThat(table.byGroup().get("Viewer")).extracting(ShortcutTable.Entry::keysText)
                .contains("← / →", "0", "Z", "+ / −", "C", "F", "1 … 5", "P / X", "U");
        // Ctrl+C in the job table and in the viewer: each works only where the focus is.
        assertThat(table.conflicts()).isEmpty();
    }
}
