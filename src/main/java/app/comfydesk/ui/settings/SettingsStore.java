package app.comfydesk.ui.settings;

import app.comfydesk.api.ApiJson;
import app.comfydesk.files.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code settings.json} in the config folder. A damaged file is moved aside (never silently
 * overwritten) and defaults are used. Called off the FX thread.
 */
public final class SettingsStore {

    /** The file's name in the config folder. */
    public static final String FILE_NAME = "settings.json";

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    // The exact mapper (unknown fields ignored); settings are bound to records, which ExactJson does not do.
    private static final ObjectMapper JSON = ApiJson.mapper();

    private final Path file;
    private String loadWarning;

    public SettingsStore(Path configFolder) {
        this.file = configFolder.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public synchronized AppSettings load() {
        if (!Files.exists(file)) {
            return AppSettings.defaults();
        }
        try {
            AppSettings settings = JSON.readValue(file.toFile(), AppSettings.class);
            return settings == null ? AppSettings.defaults() : settings;
        } catch (IOException e) {
            Path aside = file.resolveSibling("settings.json.damaged-" + System.currentTimeMillis());
            String reason = e instanceof com.fasterxml.jackson.core.JacksonException json
                    ? json.getOriginalMessage() : e.getMessage();
            loadWarning = "The settings file " + file + " could not be read (" + reason + "); it was kept as "
                    + aside.getFileName() + " and defaults are used.";
            LOG.warn(loadWarning);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailure) {
                LOG.warn("Could not move the damaged settings file aside", moveFailure);
            }
            return AppSettings.defaults();
        }
    }

    /** A message for the user when the last {@link #load()} had to fall back to defaults, else null. */
    public synchronized String loadWarning() {
        return loadWarning;
    }

    public synchronized void save(AppSettings settings) throws IOException {
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings));
    }
}
