package app.comfydesk.ui.common;

import javafx.scene.control.Button;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ikonli icons (Feather pack) with the app's sizes; colours come from the theme via CSS. */
public final class Icons {

    public static final int SMALL = 14;
    public static final int NORMAL = 16;

    private Icons() {
    }

    public static FontIcon of(Ikon ikon) {
        return of(ikon, NORMAL);
    }

    public static FontIcon of(Ikon ikon, int size) {
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(size);
        icon.getStyleClass().add("app-icon");
        return icon;
    }

    /** A flat, icon-only button with a tooltip (which doubles as its accessible text). */
    public static Button iconButton(Ikon ikon, String tooltip) {
        Button button = new Button(null, of(ikon));
        button.getStyleClass().addAll("button-icon", "flat");
        Tooltips.onHover(button, tooltip);
        button.setAccessibleText(tooltip);
        button.setFocusTraversable(true);
        return button;
    }
}
