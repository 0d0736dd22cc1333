package app.comfydesk;

import ch.qos.logback.core.PropertyDefinerBase;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The folder ComfyDesk writes its log files to, where each platform expects them:
 * <ul>
 *   <li>{@code $COMFYDESK_HOME/logs} when that variable is set (tests, portable installs);</li>
 *   <li>Windows: {@code %LOCALAPPDATA%\ComfyDesk\logs};</li>
 *   <li>macOS: {@code ~/Library/Logs/ComfyDesk};</li>
 *   <li>Linux and other Unixes: {@code $XDG_STATE_HOME/ComfyDesk/logs}, by default
 *       {@code ~/.local/state/ComfyDesk/logs} (the XDG base directory spec puts logs under state).</li>
 * </ul>
 * logback.xml reads it through {@code <define name="LOG_DIR" class="app.comfydesk.LogFolder"/>}; Help → "Open logs
 * folder" and the diagnostics use {@link #current()}. No JavaFX here: the command line logs to the same place.
 */
public final class LogFolder extends PropertyDefinerBase {

    static final String APP_FOLDER = "ComfyDesk";

    /** The log folder of this process's environment. */
    public static Path current() {
        return resolve(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home"));
    }

    /** The log folder for an OS name (as in {@code os.name}), an environment and a home folder. */
    static Path resolve(String osName, Map<String, String> env, String userHome) {
        String home = env.get("COMFYDESK_HOME");
        if (isSet(home)) {
            return Path.of(home, "logs");
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String localAppData = env.get("LOCALAPPDATA");
            Path base = isSet(localAppData) ? Path.of(localAppData) : Path.of(userHome, "AppData", "Local");
            return base.resolve(APP_FOLDER).resolve("logs");
        }
        if (os.startsWith("mac")) {
            return Path.of(userHome, "Library", "Logs", APP_FOLDER);
        }
        String stateHome = env.get("XDG_STATE_HOME");
        // The spec says a relative XDG_* path is invalid and must be ignored.
        Path base = isSet(stateHome) && Path.of(stateHome).isAbsolute()
                ? Path.of(stateHome) : Path.of(userHome, ".local", "state");
        return base.resolve(APP_FOLDER).resolve("logs");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String getPropertyValue() {
        return current().toString();
    }
}
