package app.comfydesk.ui.settings;

import java.io.IOException;
import java.util.Optional;

/**
 * Where tokens and keys live: never the settings file. Implementations may block (file or OS keyring), so call them
 * off the FX thread.
 */
public interface SecretStore {

    Optional<String> get(String key) throws IOException;

    /** Stores the value; a null or blank value deletes the key. */
    void put(String key, String value) throws IOException;

    void delete(String key) throws IOException;

    /** Words for the settings dialog, e.g. "a file readable only by you (~/.config/comfydesk/secrets.json)". */
    String description();
}
