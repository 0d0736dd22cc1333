package app.comfydesk.ui.common;

import app.comfydesk.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Help menu: "Keyboard shortcuts" (from a {@link ShortcutTable}), "Open logs folder" and "Copy diagnostics"
 * (a {@link Diagnostics} report, secrets masked, for bug reports).
 *
 * <p>Wiring, in the main window: {@code menuBar.getMenus().add(new HelpMenu(owner, () -> ShortcutTable.of(menuBar),
 * LogFolder.current(), settingsForDiagnostics, getHostServices()::showDocument).build())}. The shortcut table is
 * read when the dialog opens, so it includes the Help menu's own entries and anything added later.
 */
public final class HelpMenu {

    private static final Logger LOG = LoggerFactory.getLogger(HelpMenu.class);
    public static final KeyCombination SHORTCUTS_KEYS =
            new KeyCodeCombination(KeyCode.SLASH, KeyCombination.SHORTCUT_DOWN);

    private final Supplier<Window> owner;
    private final Supplier<ShortcutTable> shortcuts;
    private final Path logFolder;
    private final Supplier<Map<String, ?>> settings;
    private final Consumer<String> openUri;
    private final ReadOnlyStringWrapper lastMessage = new ReadOnlyStringWrapper(this, "lastMessage", "");

    /**
     * @param owner     the window dialogs belong to
     * @param shortcuts the shortcuts to list, read each time the dialog opens
     * @param logFolder where the logs are ({@code LogFolder.current()})
     * @param settings  the current settings for the diagnostics, as shown to the user; secrets are masked anyway
     * @param openUri   opens a URI with the desktop ({@code HostServices::showDocument})
     */
    public HelpMenu(Supplier<Window> owner, Supplier<ShortcutTable> shortcuts, Path logFolder,
            Supplier<Map<String, ?>> settings, Consumer<String> openUri) {
        this.owner = owner;
        this.shortcuts = shortcuts;
        this.logFolder = logFolder;
        this.settings = settings;
        this.openUri = openUri;
    }

    public Menu build() {
        MenuItem keyboard = new MenuItem("Keyboard shortcuts");
        keyboard.setId("keyboardShortcutsMenuItem");
        keyboard.setAccelerator(SHORTCUTS_KEYS);
        keyboard.setOnAction(event -> showShortcuts());

        MenuItem logs = new MenuItem("Open logs folder");
        logs.setId("openLogsMenuItem");
        logs.setOnAction(event -> openLogFolder());

        MenuItem diagnostics = new MenuItem("Copy diagnostics");
        diagnostics.setId("copyDiagnosticsMenuItem");
        diagnostics.setOnAction(event -> copyDiagnostics());

        Menu help = new Menu("_Help", null, keyboard, new SeparatorMenuItem(), logs, diagnostics);
        help.setId("helpMenu");
        return help;
    }

    /** The outcome of the last action, for a status line and for tests. */
    public ReadOnlyStringProperty lastMessageProperty() {
        return lastMessage.getReadOnlyProperty();
    }

    void openLogFolder() {
        try {
            // The folder exists once anything was logged; create it so the file manager never shows an error.
            Files.createDirectories(logFolder);
            openUri.accept(logFolder.toUri().toString());
            lastMessage.set("Opened " + logFolder);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not open the logs folder {}", logFolder, e);
            lastMessage.set("Could not open " + logFolder + ": " + e.getMessage());
            Alert alert = new Alert(Alert.AlertType.INFORMATION,
                    "ComfyDesk could not open the logs folder. You will find the logs in:\n" + logFolder);
            alert.initOwner(owner.get());
            alert.setHeaderText("Logs folder");
            alert.show();
        }
    }

    String diagnosticsText() {
        return new Diagnostics().report(settings.get());
    }

    void copyDiagnostics() {
        String text = diagnosticsText();
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
        lastMessage.set("Diagnostics copied to the clipboard");

        TextArea report = new TextArea(text);
        report.setId("diagnosticsText");
        report.setEditable(false);
        report.setPrefColumnCount(70);
        report.setPrefRowCount(20);
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle("Diagnostics");
        dialog.setHeaderText("Copied to the clipboard. Paste it into your bug report; it holds no tokens or keys.");
        dialog.getDialogPane().setContent(report);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("diagnosticsDialog");
        dialog.show();
    }

    void showShortcuts() {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle("Keyboard shortcuts");
        dialog.setHeaderText(null);
        dialog.setResizable(true);
        dialog.getDialogPane().setContent(shortcutsGrid(shortcuts.get()));
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("keyboardShortcutsDialog");
        dialog.show();
    }

    /**
     * Every shortcut, by area ("Main menu", "Job table", "Viewer"), in two columns of areas: no scrolling and no
     * column repeating the area on every row; the dialog takes the grid's own size.
     */
    static GridPane shortcutsGrid(ShortcutTable shortcuts) {
        GridPane grid = new GridPane();
        grid.setId("shortcutsTable");
        grid.getStyleClass().add("shortcuts-grid");
        grid.setHgap(16);
        grid.setVgap(4);
        // The dialog pane gives its content almost no margin of its own.
        grid.setPadding(new javafx.geometry.Insets(16, 24, 12, 24));
        Map<String, List<ShortcutTable.Entry>> groups = shortcuts.byGroup();
        int total = groups.values().stream().mapToInt(List::size).sum() + 2 * groups.size();
        int column = 0;
        int row = 0;
        for (Map.Entry<String, List<ShortcutTable.Entry>> group : groups.entrySet()) {
            // Start the second column once the first holds about half the lines.
            if (column == 0 && row > 0 && row + group.getValue().size() > (total + 1) / 2 + 2) {
                column = 3;
                row = 0;
            }
            Label title = new Label(group.getKey());
            title.getStyleClass().addAll("shortcuts-area", "title-4");
            if (row > 0) {
                GridPane.setMargin(title, new javafx.geometry.Insets(10, 0, 0, 0));
            }
            grid.add(title, column, row++, 2, 1);
            for (ShortcutTable.Entry entry : group.getValue()) {
                Label action = new Label(entry.action());
                action.getStyleClass().add("shortcut-action");
                Label keys = new Label(entry.keysText());
                keys.getStyleClass().addAll("shortcut-keys", "text-muted");
                keys.setMinWidth(Region.USE_PREF_SIZE);
                action.setMinWidth(Region.USE_PREF_SIZE);
                grid.add(keys, column, row);
                grid.add(action, column + 1, row++);
            }
        }
        if (column == 3) {
            ColumnConstraints gap = new ColumnConstraints(8);
            grid.getColumnConstraints().setAll(new ColumnConstraints(), new ColumnConstraints(), gap);
        }
        return grid;
    }
}
