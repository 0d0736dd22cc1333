package app.comfydesk.ui;

import javafx.application.Application;

/** Starts the JavaFX window; the only way {@code app.comfydesk.Launcher} reaches JavaFX. */
public final class GuiMain {

    private GuiMain() {
    }

    /** Launches {@link ComfyDeskApp} with the raw arguments (e.g. {@code --exit-after-first-frame}); blocks. */
    public static void launch(String[] args) {
        Application.launch(ComfyDeskApp.class, args);
    }
}
