package app.comfydesk.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path config;

    @Test
    void profilesRoundTripAndTheSettingsFileHoldsNoSecret() throws Exception {
        SettingsService service = new SettingsService(new SettingsStore(config), new FileSecretStore(config),
                new SameThreadBackgroundExecutor());
        Profile studio = new Profile(null, "Studio", "https://api.runcomfy.net", "v2", "dep-1",
                "https://hooks.example/x", true, "/tmp/out", null, false);
        service.putSecret(studio.tokenKey(), "tok-SECRET-123");
        service.update(s -> s.withProfiles(List.of(studio), studio.id()).withRecentFile("/w/a.json"));

        String json = Files.readString(config.resolve("settings.json"));
        assertThat(json).contains("Studio", "dep-1", "v2", "/w/a.json").doesNotContain("tok-SECRET-123");

        SettingsService reloaded = new SettingsService(new SettingsStore(config), new FileSecretStore(config),
                new SameThreadBackgroundExecutor());
        assertThat(reloaded.current().profiles()).containsExactly(studio);
        assertThat(reloaded.current().activeProfileId()).isEqualTo(studio.id());
        assertThat(reloaded.secret(studio.tokenKey())).contains("tok-SECRET-123");
    }

    @Test
    void secretsFileIsReadableOnlyByTheUser() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        FileSecretStore secrets = new FileSecretStore(config);
        secrets.put("k", "v");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.file())))
                .isEqualTo("rw-------");
        assertThat(secrets.get("k")).contains("v");
        secrets.delete("k");
        assertThat(secrets.get("k")).isEmpty();
    }

    @Test
    void aDamagedSettingsFileIsKeptAsideAndDefaultsAreUsed() throws Exception {
        Files.writeString(config.resolve("settings.json"), "{ not json");
        SettingsStore store = new SettingsStore(config);
        assertThat(store.load()).isEqualTo(AppSettings.defaults());
        assertThat(store.loadWarning()).contains("could not be read");
        try (var files = Files.list(config)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("settings.json.damaged"));
        }
    }

    @Test
    void recentFilesKeepTheLastTenNewestFirst() {
        AppSettings settings = AppSettings.defaults();
        for (int i = 0; i < 12; i++) {
            settings = settings.withRecentFile("/w/" + i + ".json");
        }
        settings = settings.withRecentFile("/w/5.json");
        assertThat(settings.recentFiles()).hasSize(10).startsWith("/w/5.json", "/w/11.json", "/w/10.json");
    }
}
