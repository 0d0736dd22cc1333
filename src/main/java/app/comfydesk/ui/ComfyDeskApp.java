package app.comfydesk.ui;

import app.comfydesk.ui.common.MainWindow;
import app.comfydesk.ui.common.StartupProbe;
import app.comfydesk.ui.common.Theme;
import app.comfydesk.ui.common.ThemeManager;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: the one place where the object graph is wired. */
public final class ComfyDeskApp extends Application {

    @Override
    public void start(Stage stage) {
        ThemeManager themes = new ThemeManager(Theme.LIGHT, theme -> { });
        MainWindow window = new MainWindow();
        Scene scene = new Scene(window.root(), 1440, 900);
        themes.register(scene);
        stage.setTitle("ComfyDesk");
        stage.setScene(scene);
        StartupProbe.attachIfRequested(stage, getParameters().getRaw());
        stage.show();
    }
}
