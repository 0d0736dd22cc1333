package app.comfydesk.ui;

import app.comfydesk.ui.common.StartupProbe;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application: the one place where the object graph is wired. */
public final class ComfyDeskApp extends Application {

    @Override
    public void start(Stage stage) {
        stage.setTitle("ComfyDesk");
        stage.setScene(new Scene(new Label("ComfyDesk"), 1280, 800));
        StartupProbe.attachIfRequested(stage, getParameters().getRaw());
        stage.show();
    }
}
