package app.comfydesk.ui.common;

import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Runs code once the window's first frame is on screen. Start-up work that fills the window in (engine, sandbox,
 * the sample workflow's form) should start here rather than right after {@code stage.show()}: on a two-core
 * machine, background threads started earlier compete with the first pulse, and results they post to the FX
 * thread before it (a whole form to build) are processed before the first frame is drawn.
 *
 * <p>"First frame" is the second pulse after the stage is shown: the first pulse lays the scene out and hands it
 * to the renderer, and the toolkit does not start the next pulse before that frame is rendered.
 */
public final class FirstFrame {

    private FirstFrame() {
    }

    /**
     * {@code action} runs on the FX thread once, after the first frame. Call it on the FX thread, before or right
     * after {@code stage.show()} (then no frame has been drawn yet: drawing needs the FX thread).
     */
    public static void then(Stage stage, Runnable action) {
        if (stage.isShowing()) {
            countPulses(stage.getScene(), action);
            return;
        }
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, new EventHandler<>() {
            @Override
            public void handle(WindowEvent event) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                countPulses(stage.getScene(), action);
            }
        });
    }

    private static void countPulses(Scene scene, Runnable action) {
        int[] pulses = {0};
        Runnable listener = new Runnable() {
            @Override
            public void run() {
                pulses[0]++;
                if (pulses[0] == 1) {
                    Platform.requestNextPulse();
                } else if (pulses[0] == 2) {
                    // A pulse listener may not remove itself during the pulse, and the action may be long: both
                    // after this pulse.
                    Platform.runLater(() -> {
                        scene.removePostLayoutPulseListener(this);
                        action.run();
                    });
                }
            }
        };
        scene.addPostLayoutPulseListener(listener);
        Platform.requestNextPulse();
    }
}
