package app.comfydesk.ui.settings;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets in the OS credential store (macOS Keychain, Windows Credential Manager, the Secret Service on Linux
 * desktops), through java-keyring. Secrets that an older run kept in the owner-only file are still read from it,
 * and move to the credential store the next time they are saved.
 */
public final class KeyringSecretStore implements SecretStore {

    private static final Logger LOG = LoggerFactory.getLogger(KeyringSecretStore.class);
    private static final String SERVICE = "ComfyDesk";
    private static final String PROBE_ACCOUNT = "comfydesk-probe";

    private final Keyring keyring;
    private final SecretStore previous;

    private KeyringSecretStore(Keyring keyring, SecretStore previous) {
        this.keyring = keyring;
        this.previous = previous;
    }

    /**
     * Opens the OS credential store if this machine has a working one, else the given fallback. The probe runs
     * with a time limit because a Secret Service without a session bus can hang instead of failing.
     */
    public static SecretStore preferred(SecretStore fallback, Duration probeLimit) {
        CompletableFuture<KeyringSecretStore> probe = CompletableFuture.supplyAsync(() -> {
            try {
                Keyring keyring = Keyring.create();
                readOrAbsent(keyring, PROBE_ACCOUNT);
                return new KeyringSecretStore(keyring, fallback);
            } catch (Exception | LinkageError e) {
                LOG.info("No usable OS credential store ({}); secrets stay in {}", e.getClass().getSimpleName(),
                        fallback.description());
                return null;
            }
        });
        try {
            KeyringSecretStore store = probe.get(probeLimit.toMillis(), TimeUnit.MILLISECONDS);
            return store != null ? store : fallback;
        } catch (Exception timedOutOrInterrupted) {
            if (timedOutOrInterrupted instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.info("The OS credential store did not answer in {} ms; secrets stay in {}", probeLimit.toMillis(),
                    fallback.description());
            return fallback;
        }
    }

    /**
     * {@link #preferred}, decided when the store is first used (always off the FX thread, by {@link SecretStore}'s
     * contract), so a newcomer with no saved profile never waits for the probe before the first frame.
     */
    public static SecretStore preferredInBackground(SecretStore fallback, Duration probeLimit) {
        return new SecretStore() {
            // Probed on first use, not at start: the probe loads D-Bus classes that would compete with the first
            // frame for the CPU, and a newcomer has no secret to read before then.
            private SecretStore chosen;

            private synchronized SecretStore chosen() {
                if (chosen == null) {
                    chosen = preferred(fallback, probeLimit);
                }
                return chosen;
            }

            @Override
            public Optional<String> get(String key) throws IOException {
                return chosen().get(key);
            }

            @Override
            public void put(String key, String value) throws IOException {
                chosen().put(key, value);
            }

            @Override
            public void delete(String key) throws IOException {
                chosen().delete(key);
            }

            @Override
            public String description() {
                return chosen().description();
            }
        };
    }

    /** java-keyring reports a missing entry as an access error; an absent secret is not a failure here. */
    private static Optional<String> readOrAbsent(Keyring keyring, String account) {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, account));
        } catch (PasswordAccessException absent) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized Optional<String> get(String key) throws IOException {
        Optional<String> stored = readOrAbsent(keyring, key);
        return stored.isPresent() ? stored : previous.get(key);
    }

    @Override
    public synchronized void put(String key, String value) throws IOException {
        if (value == null || value.isBlank()) {
            delete(key);
            return;
        }
        try {
            keyring.setPassword(SERVICE, key, value.strip());
        } catch (PasswordAccessException e) {
            throw new IOException("The OS credential store refused to save the secret: " + e.getMessage(), e);
        }
        previous.delete(key);
    }

    @Override
    public synchronized void delete(String key) throws IOException {
        if (readOrAbsent(keyring, key).isPresent()) {
            try {
                keyring.deletePassword(SERVICE, key);
            } catch (PasswordAccessException e) {
                throw new IOException("The OS credential store refused to delete the secret: " + e.getMessage(), e);
            }
        }
        previous.delete(key);
    }

    @Override
    public String description() {
        return "the OS credential store (" + keyring.getKeyringStorageType() + ")";
    }
}
