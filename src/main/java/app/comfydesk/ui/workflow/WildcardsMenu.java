package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.Icons;
import app.comfydesk.ui.settings.SettingsService;
import java.io.File;
import java.util.function.Supplier;
import javafx.scene.control.MenuItem;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/** "Wildcards folder…" in the app menu: where {@code __name__} in a prompt finds {@code name.txt} (a setting). */
public final class WildcardsMenu {

    private WildcardsMenu() {
    }

    public static MenuItem item(SettingsService settings, Supplier<Window> owner) {
        MenuItem item = new MenuItem("Wildcards folder…", Icons.of(Feather.FILE_TEXT, Icons.SMALL));
        item.setId("wildcardsFolderItem");
        item.setOnAction(event -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder of wildcard files (__name__ in a prompt picks a line of name.txt)");
            String current = settings.current().wildcardsFolder();
            if (current != null && new File(current).isDirectory()) {
                chooser.setInitialDirectory(new File(current));
            }
            File chosen = chooser.showDialog(owner.get());
            if (chosen != null) {
                settings.update(now -> now.withWildcardsFolder(chosen.getAbsolutePath()));
            }
        });
        return item;
    }
}
