package app.comfydesk.ui.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where settings, secrets and presets live. {@code COMFYDESK_HOME} (environment) or {@code comfydesk.home}
 * (system property) moves everything under one root, {@code <root>/config}; otherwise the platform's config
 * folder is used.
 */
public final class ConfigFolder {

    private ConfigFolder() {
    }

    public static Path resolve() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    static Path resolve(Map<String, String> env, String osName, String userHome) {
        String override = System.getProperty("comfydesk.home", env.get("COMFYDESK_HOME"));
        if (override != null && !override.isBlank()) {
            return Path.of(override).resolve("config");
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return Path.of(appData != null ? appData : userHome, "ComfyDesk");
        }
        if (os.contains("mac")) {
            return Path.of(userHome, "Library", "Application Support", "ComfyDesk");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".config")).resolve("comfydesk");
    }
}
