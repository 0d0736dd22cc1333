package app.comfydesk;

import app.comfydesk.jobs.AppDirectories;
import java.nio.file.Path;

/**
 * The folder ComfyDesk writes its log files to, as {@link AppDirectories} defines it for each platform:
 * {@code $COMFYDESK_HOME/logs} when set; Windows {@code %LOCALAPPDATA%\ComfyDesk\logs}; macOS
 * {@code ~/Library/Logs/ComfyDesk}; Linux {@code $XDG_STATE_HOME/comfydesk/logs}, by default
 * {@code ~/.local/state/comfydesk/logs} (the XDG base directory spec puts logs under state).
 *
 * <p>{@link LoggingSetup} writes there; Help → "Open logs folder" and the diagnostics use {@link #current()}. No JavaFX
 * here: the command line logs to the same place.
 */
public final class LogFolder {

    private LogFolder() {
    }

    /** The log folder of this process's environment. */
    public static Path current() {
        return AppDirectories.detect().logs();
    }
}
