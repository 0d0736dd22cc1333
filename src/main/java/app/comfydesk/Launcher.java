package app.comfydesk;

import app.comfydesk.cli.ComfyDeskCli;

/**
 * Entry point of the single jar. It does not extend {@code Application} so that JavaFX can stay on the class path
 * (no module path needed). A first argument that is not an option names a command-line subcommand, which runs
 * without ever starting the JavaFX toolkit; anything else opens the window.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            System.exit(ComfyDeskCli.run(args));
        }
        javafx.application.Application.launch(app.comfydesk.ui.ComfyDeskApp.class, args);
    }
}
