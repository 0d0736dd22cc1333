package app.comfydesk.ui.common;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one way onto the FX thread outside {@link FxBatcher}: {@code Platform.runLater} is called only in
 * {@code ui.common} (LayerRulesTest), so every hop to the FX thread can be found here and replaced in tests.
 */
public final class FxThread {

    private FxThread() {
    }

    /** An executor that runs on the FX thread, later (for a view model's or cache's injected FX executor). */
    public static Executor executor() {
        return Platform::runLater;
    }

    /** Runs {@code work} on the FX thread, after what is already queued there. */
    public static void later(Runnable work) {
        Platform.runLater(work);
    }
}
