package app.comfydesk.ui;

import java.util.Optional;
import javafx.application.Application;

/** Starts the JavaFX window; the only way {@code app.comfydesk.Launcher} reaches JavaFX. */
public final class GuiMain {

    /**
     * The one hand-over from {@link #launch} to the {@link ComfyDeskApp} instance JavaFX creates by reflection
     * (which leaves no way to pass it a constructor argument); taken once, by {@code init()}.
     */
    private static volatile StartupPreparation<ComfyDeskApp.FirstFrameNeeds, ComfyDeskApp.Services> preparation;

    private GuiMain() {
    }

    /** Launches {@link ComfyDeskApp} with the raw arguments (e.g. {@code --exit-after-first-frame}); blocks. */
    public static void launch(String[] args) {
        preparation = ComfyDeskApp.prepareInBackground();
        Application.launch(ComfyDeskApp.class, args);
    }

    /** The preparation {@link #launch} started, once; empty when the app was launched some other way. */
    static Optional<StartupPreparation<ComfyDeskApp.FirstFrameNeeds, ComfyDeskApp.Services>> takePreparation() {
        var taken = preparation;
        preparation = null;
        return Optional.ofNullable(taken);
    }
}
