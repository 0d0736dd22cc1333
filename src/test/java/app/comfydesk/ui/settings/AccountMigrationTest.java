package app.comfydesk.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version-1 settings (one profile per deployment) become accounts on the first start: profiles with the same base URL
 * and token are one account with their deployments, nothing is retyped, old jobs still find their token, and the
 * file is written in the new form once.
 */
class AccountMigrationTest {

    @TempDir
    Path config;

    @Test
    void profilesSharingBaseUrlAndTokenBecomeOneAccountWithoutRetypingSecrets() throws Exception {
        Files.writeString(config.resolve("settings.json"), """
                {"version": 1, "activeProfileId": "p-b", "theme": "dark", "profiles": [
                  {"id": "p-a", "name": "Studio portraits", "baseUrl": "https://api.runcomfy.net", "apiVersion": "v2",
                   "deploymentId": "dep-a", "webhookUrl": "https://hooks.example/x", "outputFolder": "/tmp/out-a"},
                  {"id": "p-b", "name": "Studio landscapes", "baseUrl": "https://api.runcomfy.net/",
                   "apiVersion": "v2", "deploymentId": "dep-b", "outputFolder": "/tmp/out-b"},
                  {"id": "p-c", "name": "Other team", "baseUrl": "https://api.runcomfy.net", "apiVersion": "v1",
                   "deploymentId": "dep-c"}
                ]}
                """);
        InMemorySecretStore secrets = new InMemorySecretStore();
        secrets.put(Profile.tokenKeyFor("p-a"), "tok-shared");
        secrets.put(Profile.tokenKeyFor("p-b"), "tok-shared");
        secrets.put("profile.p-b.comfy-org-key", "org-key-b");
        secrets.put(Profile.tokenKeyFor("p-c"), "tok-other");

        SettingsService service = new SettingsService(new SettingsStore(config), secrets,
                new SameThreadBackgroundExecutor());

        AppSettings now = service.current();
        assertThat(now.accounts()).hasSize(2);
        Account studio = now.accounts().get(0);
        assertThat(studio.id()).isEqualTo("p-a");
        assertThat(studio.name()).isEqualTo("Studio");
        assertThat(studio.deploymentIds()).containsExactly("dep-a", "dep-b");
        assertThat(studio.deploymentId()).as("the active profile's deployment is the chosen one").isEqualTo("dep-b");
        assertThat(studio.webhookUrl()).isEqualTo("https://hooks.example/x");
        assertThat(studio.formerProfileIds()).containsExactly("p-b");
        assertThat(now.activeProfileId()).isEqualTo("p-a");
        assertThat(now.accounts().get(1).deploymentIds()).containsExactly("dep-c");
        // Secrets: the account uses the first profile's keys; the key only the second had is copied over.
        assertThat(service.secret(studio.tokenKey())).contains("tok-shared");
        assertThat(secrets.get(studio.comfyOrgKeyKey())).contains("org-key-b");

        // A job submitted under the merged profile's id still gets the account's token.
        assertThat(now.profile("p-b")).map(Profile::id).contains("p-a");
        assertThat(ProfileClients.tokenFor(service, "p-b")).isEqualTo("tok-shared");
        assertThat(ProfileClients.tokenFor(service, "p-c")).isEqualTo("tok-other");

        String file = Files.readString(config.resolve("settings.json"));
        assertThat(file).contains("\"version\" : 2", "\"accounts\"", "dep-b").doesNotContain("\"profiles\"")
                .doesNotContain("tok-shared");

        // Read again: already accounts, nothing migrated twice, the token still there.
        SettingsService again = new SettingsService(new SettingsStore(config), secrets,
                new SameThreadBackgroundExecutor());
        assertThat(again.current().accounts()).isEqualTo(now.accounts());
        assertThat(again.secret(studio.tokenKey())).contains("tok-shared");
        ProfilesViewModel profiles = new ProfilesViewModel(again);
        assertThat(profiles.getActive().deploymentId()).isEqualTo("dep-b");
        assertThat(profiles.activeProblemProperty().get()).isNull();
    }

    @Test
    void profilesWithoutATokenAreNotMergedAndNamesWithNothingInCommonKeepTheFirst() {
        Profile a = new Profile("a", "Alpha", "https://x.example", "v1", "d1", null, false, "/o", null, false);
        Profile b = new Profile("b", "Beta", "https://x.example", "v1", "d2", null, false, "/o", null, false);
        var result = AccountMigration.migrate(java.util.List.of(a, b), "b", key -> java.util.Optional.empty());
        assertThat(result.accounts()).extracting(Account::id).containsExactly("a", "b");
        assertThat(result.activeId()).isEqualTo("b");
        var merged = AccountMigration.migrate(java.util.List.of(a, b), "b", key -> java.util.Optional.of("t"));
        assertThat(merged.accounts()).singleElement().satisfies(account -> {
            assertThat(account.name()).isEqualTo("Alpha");
            assertThat(account.deploymentIds()).containsExactly("d1", "d2");
        });
    }
}
