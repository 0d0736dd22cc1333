package app.comfydesk.bench;

import app.comfydesk.Launcher;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;

/**
 * Starts the real app and, once it has filled in, opens ☰ → Help → "Keyboard shortcuts" (or another Help item
 * given by its id as the first argument) so a screenshot can show it. Run under Xvfb and take the picture with
 * {@code import -window root}:
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1000x24" bash -c \
 *   'java -cp target/comfydesk.jar:target/test-classes app.comfydesk.bench.HelpMenuScreenshot &amp; sleep 14;
 *    import -window root docs/help-shortcuts.png; kill %1'
 * </pre>
 */
public final class HelpMenuScreenshot {

    private HelpMenuScreenshot() {
    }

    public static void main(String[] args) throws InterruptedException {
        String itemId = args.length > 0 ? args[0] : "keyboardShortcutsMenuItem";
        Thread opener = new Thread(() -> {
            try {
                Thread.sleep(8000);
            } catch (InterruptedException e) {
                return;
            }
            Platform.runLater(() -> open(itemId));
        }, "help-menu-opener");
        opener.setDaemon(true);
        opener.start();
        Launcher.main(new String[0]);
    }

    private static void open(String itemId) {
        for (Window window : Window.getWindows()) {
            Node node = window.getScene().lookup("#appMenu");
            if (node instanceof MenuButton menu) {
                find(menu.getItems(), itemId).fire();
                return;
            }
        }
        throw new IllegalStateException("no #appMenu in any window");
    }

    private static MenuItem find(List<MenuItem> items, String id) {
        for (MenuItem item : items) {
            if (id.equals(item.getId())) {
                return item;
            }
            if (item instanceof Menu menu) {
                MenuItem found = find(menu.getItems(), id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
