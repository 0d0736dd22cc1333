package app.comfydesk.ui;

import java.util.Optional;
import java.util.logging.Logger;
import javafx.application.Application;

/** Starts the JavaFX window; the only way {@code app.comfydesk.Launcher} reaches JavaFX. */
public final class GuiMain {

    /**
     * The one hand-over from {@link #launch} to the {@link ComfyDeskApp} instance JavaFX creates by reflection
     * (which leaves no way to pass it a constructor argument); taken once, by {@code init()}.
     */
    private static volatile StartupPreparation<ComfyDeskApp.FirstFrameNeeds, ComfyDeskApp.Services> preparation;

    /**
     * JavaFX's own logger. Held here because java.util.logging keeps loggers weakly: the filter set on it below
     * would go with it.
     */
    private static final Logger JAVAFX_LOGGER = Logger.getLogger("javafx");

    private GuiMain() {
    }

    /** Launches {@link ComfyDeskApp} with the raw arguments (e.g. {@code --exit-after-first-frame}); blocks. */
    public static void launch(String[] args) {
        preparation = ComfyDeskApp.prepareInBackground();
        // JavaFX warns on every start that it runs from the class path, which is how this app ships it on purpose
        // (one jar; see Launcher). Only that message is dropped: its other warnings (CSS, say) still show.
        JAVAFX_LOGGER.setFilter(record -> record.getMessage() == null
                || !record.getMessage().startsWith("Unsupported JavaFX configuration"));
        Application.launch(ComfyDeskApp.class, args);
    }

    /** The preparation {@link #launch} started, once; empty when the app was launched some other way. */
    static Optional<StartupPreparation<ComfyDeskApp.FirstFrameNeeds, ComfyDeskApp.Services>> takePreparation() {
        var taken = preparation;
        preparation = null;
        return Optional.ofNullable(taken);
    }
}
