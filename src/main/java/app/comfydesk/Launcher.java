package app.comfydesk;

import app.comfydesk.cli.ComfyDeskCli;
import app.comfydesk.ui.GuiMain;
import java.util.Set;

/**
 * Entry point of the single jar. It does not extend {@code Application} so that JavaFX can stay on the class path
 * (no module path needed), and it imports no JavaFX class itself. A first argument that names a command, or asks
 * for help or the version, runs the command line without ever starting the JavaFX toolkit; anything else (no
 * arguments, or window flags such as {@code --exit-after-first-frame}) opens the window.
 */
public final class Launcher {

    /** Options the command line answers itself; every other option is the window's. */
    private static final Set<String> COMMAND_LINE_OPTIONS = Set.of("--help", "-h", "--version", "-V");

    private Launcher() {
    }

    public static void main(String[] args) {
        if (isCommandLine(args)) {
            System.exit(ComfyDeskCli.run(args));
        }
        GuiMain.launch(args);
    }

    static boolean isCommandLine(String[] args) {
        return args.length > 0 && (!args[0].startsWith("-") || COMMAND_LINE_OPTIONS.contains(args[0]));
    }
}
