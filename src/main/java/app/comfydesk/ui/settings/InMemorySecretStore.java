package app.comfydesk.ui.settings;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Secrets kept only for this run: the sandbox's token, and tests. */
public final class InMemorySecretStore implements SecretStore {

    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(secrets.get(key));
    }

    @Override
    public void put(String key, String value) {
        if (value == null || value.isBlank()) {
            secrets.remove(key);
        } else {
            secrets.put(key, value);
        }
    }

    @Override
    public void delete(String key) {
        secrets.remove(key);
    }

    @Override
    public String description() {
        return "memory only (forgotten on exit)";
    }
}
