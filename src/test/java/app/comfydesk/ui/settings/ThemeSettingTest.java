package app.comfydesk.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.ui.common.SameThreadBackgroundExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThemeSettingTest {

    @TempDir
    Path config;

    @Test
    void readsTheThemeTheSettingsServiceWrote() {
        SettingsService service = new SettingsService(new SettingsStore(config), new FileSecretStore(config),
                new SameThreadBackgroundExecutor());
        service.update(s -> s.withTheme("dark").withRecentFile("/w/a.json"));

        assertThat(ThemeSetting.read(config)).contains("dark");
    }

    @Test
    void skipsNestedValuesThatHappenToHoldAThemeField() throws Exception {
        write("""
                {"profiles": [{"theme": "not this one", "name": "x"}], "extra": {"theme": "nor this"},
                 "numbers": [1, 2.5e3, null, true], "theme": "dark", "recentFiles": []}""");

        assertThat(ThemeSetting.read(config)).contains("dark");
    }

    @Test
    void noFileNoFieldOrADamagedFileGiveNothing() throws Exception {
        assertThat(ThemeSetting.read(config)).isEmpty();
        write("{\"version\": 1}");
        assertThat(ThemeSetting.read(config)).isEmpty();
        write("{\"theme\": 42}");
        assertThat(ThemeSetting.read(config)).isEmpty();
        write("[\"theme\", \"dark\"]");
        assertThat(ThemeSetting.read(config)).isEmpty();
        write("{\"profiles\": [ {\"name\": ");
        assertThat(ThemeSetting.read(config)).isEmpty();
    }

    private void write(String json) throws Exception {
        Files.writeString(config.resolve(SettingsStore.FILE_NAME), json);
    }
}
