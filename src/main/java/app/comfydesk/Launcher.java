package app.comfydesk;

/**
 * Entry point of the single jar. It does not extend {@code Application} so that JavaFX can stay on the class path
 * (no module path needed), and so that command-line subcommands never start the JavaFX toolkit.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        javafx.application.Application.launch(app.comfydesk.ui.ComfyDeskApp.class, args);
    }
}
