package app.comfydesk.bench;

import app.comfydesk.ui.common.StartupProbe;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The yardstick for ComfyDesk's start-up: a bare JavaFX window with one label, started exactly like the app
 * (class-path JavaFX, a main that does not extend {@code Application}, the same {@link StartupProbe}).
 * {@code packaging/startup-bench.sh} runs both and prints the ratio.
 */
public final class BareWindowStartup {

    private BareWindowStartup() {
    }

    public static void main(String[] args) {
        Application.launch(BareWindow.class, args);
    }

    /** The one-label window. */
    public static final class BareWindow extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("Bare window");
            stage.setScene(new Scene(new Label("Hello"), 1280, 800));
            StartupProbe.attachIfRequested(stage, getParameters().getRaw());
            stage.show();
        }
    }
}
