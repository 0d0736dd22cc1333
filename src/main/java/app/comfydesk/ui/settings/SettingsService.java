package app.comfydesk.ui.settings;

import app.comfydesk.ui.common.BackgroundExecutor;
import app.comfydesk.ui.common.UserFacingError;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The settings of this run in memory, written back to disk after every change by one serial writer (settings and
 * secrets alike, in call order). Secrets are
 * cached here after one read of the {@link SecretStore} (off the FX thread, before the window opens) so that
 * views and engine threads can ask for a token without I/O; changes are written through in the background.
 */
public final class SettingsService {

    private final SettingsStore store;
    private final SecretStore secrets;
    private final SerialWriter writer;
    private final AtomicReference<AppSettings> current = new AtomicReference<>();
    private final Map<String, String> secretCache = new ConcurrentHashMap<>();
    private volatile Consumer<UserFacingError> errorSink = error -> { };

    /** Reads settings and the profiles' secrets: blocking, so call it off the FX thread. */
    public SettingsService(SettingsStore store, SecretStore secrets, BackgroundExecutor executor) {
        this.store = store;
        this.secrets = secrets;
        this.writer = new SerialWriter(executor);
        AppSettings loaded = store.load();
        current.set(loaded);
        for (Profile profile : loaded.profiles()) {
            cache(profile.tokenKey());
            cache(profile.comfyOrgKeyKey());
        }
        if (!loaded.legacyProfiles().isEmpty()) {
            migrateProfiles(loaded);
        }
    }

    /** Version-1 profiles become accounts once; their secrets stay where they are (see {@link AccountMigration}). */
    private void migrateProfiles(AppSettings loaded) {
        for (Profile profile : loaded.legacyProfiles()) {
            cache(profile.tokenKey());
            cache(profile.comfyOrgKeyKey());
        }
        AccountMigration.Result migrated = AccountMigration.migrate(loaded.legacyProfiles(),
                loaded.activeProfileId(), this::secret);
        List<Account> accounts = new java.util.ArrayList<>(loaded.accounts());
        accounts.addAll(migrated.accounts());
        migrated.copiedSecrets().forEach(this::putSecret);
        update(s -> s.withAccounts(accounts, migrated.activeId()));
    }

    private void cache(String key) {
        try {
            secrets.get(key).ifPresent(value -> secretCache.put(key, value));
        } catch (IOException e) {
            errorSink.accept(new UserFacingError("Could not read saved tokens (" + secrets.description() + "): "
                    + e.getMessage(), e));
        }
    }

    /** Where failed background saves are reported (the window's message bar). */
    public void setErrorSink(Consumer<UserFacingError> sink) {
        this.errorSink = sink;
    }

    public AppSettings current() {
        return current.get();
    }

    public String loadWarning() {
        return store.loadWarning();
    }

    public SecretStore secretStore() {
        return secrets;
    }

    public void update(UnaryOperator<AppSettings> change) {
        // Changes apply in call order to the latest state; the snapshot is taken inside the serial writer, so the
        // last write always holds every change made before it.
        current.updateAndGet(change);
        writer.write(() -> store.save(current.get()),
                error -> errorSink.accept(new UserFacingError("Settings were not saved: " + error.message(),
                        error.cause())));
    }

    public Optional<String> secret(String key) {
        return Optional.ofNullable(secretCache.get(key));
    }

    /** Remembers the value for this run only (the sandbox's token). */
    public void putTransientSecret(String key, String value) {
        secretCache.put(key, value);
    }

    public void putSecret(String key, String value) {
        String cleaned = value == null || value.isBlank() ? null : value.strip();
        if (cleaned == null) {
            secretCache.remove(key);
        } else {
            secretCache.put(key, cleaned);
        }
        writer.write(() -> secrets.put(key, cleaned),
                error -> errorSink.accept(new UserFacingError("The token was not saved to "
                        + secrets.description() + ": " + error.message(), error.cause())));
    }
}
