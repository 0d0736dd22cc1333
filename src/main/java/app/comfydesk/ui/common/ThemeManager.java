package app.comfydesk.ui.common;

import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

/**
 * Applies the current {@link Theme} as the application's user-agent stylesheet plus the app's own stylesheet on
 * every registered scene, and reports each change to a saver so the choice is remembered.
 */
public final class ThemeManager {

    public static final String APP_STYLESHEET =
            Objects.requireNonNull(ThemeManager.class.getResource("/app/comfydesk/ui/comfydesk.css")).toExternalForm();
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final java.util.List<Scene> scenes = new java.util.ArrayList<>();

    public ThemeManager(Theme initial, Consumer<Theme> saver) {
        theme.set(initial == null ? Theme.LIGHT : initial);
        apply(theme.get());
        theme.addListener((obs, old, now) -> {
            apply(now);
            saver.accept(now);
        });
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Theme getTheme() {
        return theme.get();
    }

    public void setTheme(Theme value) {
        theme.set(Objects.requireNonNull(value));
    }

    public void toggle() {
        setTheme(getTheme().toggled());
    }

    /** Adds the app stylesheet to the scene and keeps its "dark" pseudo class in step with the theme. */
    public void register(Scene scene) {
        if (!scene.getStylesheets().contains(APP_STYLESHEET)) {
            scene.getStylesheets().add(APP_STYLESHEET);
        }
        scenes.add(scene);
        markScene(scene, getTheme());
    }

    private void apply(Theme value) {
        Application.setUserAgentStylesheet(value.userAgentStylesheet());
        scenes.forEach(scene -> markScene(scene, value));
    }

    private static void markScene(Scene scene, Theme value) {
        if (scene.getRoot() != null) {
            scene.getRoot().pseudoClassStateChanged(DARK, value.isDark());
        }
    }
}
