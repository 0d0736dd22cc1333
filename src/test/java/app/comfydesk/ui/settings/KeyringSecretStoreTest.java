package app.comfydesk.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringSecretStoreTest {

    @TempDir
    Path config;

    @Test
    void aCredentialStoreThatDoesNotAnswerInTimeLeavesSecretsInTheOwnerOnlyFile() throws Exception {
        FileSecretStore file = new FileSecretStore(config);

        SecretStore chosen = KeyringSecretStore.preferred(file, Duration.ZERO);

        assertThat(chosen).isSameAs(file);
    }

    @Test
    void theBackgroundChoiceWorksLikeTheStoreItChose() throws Exception {
        FileSecretStore file = new FileSecretStore(config);
        SecretStore deferred = KeyringSecretStore.preferredInBackground(file, Duration.ZERO);

        deferred.put("profile-x.token", "tok-123");

        assertThat(deferred.get("profile-x.token")).contains("tok-123");
        assertThat(file.get("profile-x.token")).contains("tok-123");
        assertThat(deferred.description()).isEqualTo(file.description());
    }
}
