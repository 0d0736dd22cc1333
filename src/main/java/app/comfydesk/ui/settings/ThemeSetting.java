package app.comfydesk.ui.settings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads only the theme from {@code settings.json}, with Jackson's streaming parser: the first frame needs the theme
 * and nothing else of the settings, and binding the whole file ({@link SettingsStore}) loads and runs a few hundred
 * classes of Jackson's object mapping, which can wait until the window is up.
 */
public final class ThemeSetting {

    private ThemeSetting() {
    }

    /**
     * The top-level {@code "theme"} string of the settings file in {@code configFolder}; empty when there is no file,
     * no such field, or the file cannot be read (the full read later reports that to the user).
     */
    public static Optional<String> read(Path configFolder) {
        Path file = configFolder.resolve(SettingsStore.FILE_NAME);
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("theme".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
