package app.comfydesk.ui.common;

import java.net.URL;
import java.util.Objects;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The app icon for a window's title bar, task bar and Alt+Tab, in the sizes desktops ask for. The PNGs are derived
 * from the one icon source by {@code packaging/icons/IconTool.java}. They are decoded in the background
 * ({@code Image} background loading), so setting them costs the first frame nothing.
 */
public final class WindowIcons {

    private static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256};

    private WindowIcons() {
    }

    public static void addTo(Stage stage) {
        for (int size : SIZES) {
            URL url = Objects.requireNonNull(WindowIcons.class.getResource("/assets/icons/comfydesk-" + size + ".png"),
                    "icon resource missing");
            stage.getIcons().add(new Image(url.toExternalForm(), true));
        }
    }
}
