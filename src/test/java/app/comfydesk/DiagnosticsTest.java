package app.comfydesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

    private static Diagnostics diagnostics() {
        Properties system = new Properties();
        system.setProperty("os.name", "Linux");
        system.setProperty("os.version", "6.1.0");
        system.setProperty("os.arch", "amd64");
        system.setProperty("java.runtime.version", "17.0.15+6");
        system.setProperty("java.vendor", "Debian");
        system.setProperty("java.vm.name", "OpenJDK 64-Bit Server VM");
        system.setProperty("javafx.runtime.version", "21.0.12+2");
        system.setProperty("user.home", "/home/ann");
        return new Diagnostics(system, Map.of("XDG_CURRENT_DESKTOP", "GNOME"), Runtime.getRuntime(),
                Instant.parse("2026-11-28T12:00:00Z"),
                Path.of("/home/ann/.local/state/comfydesk/logs"));
    }

    @Test
    void namesVersionsOsAndFolders() {
        String report = diagnostics().report(Map.of());
        assertThat(report)
                .contains("OS: Linux 6.1.0 (amd64)")
                .contains("Java: 17.0.15+6 (Debian, OpenJDK 64-Bit Server VM)")
                .contains("JavaFX: 21.0.12+2")
                .contains("Desktop: GNOME")
                .contains("Log folder: /home/ann/.local/state/comfydesk/logs")
                .contains("Time: 2026-11-28T12:00:00Z")
                .contains("Settings\n(none)");
    }

    @Test
    void secretsAreMaskedWhateverTheCallerPasses() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("profile", "Studio GPU");
        settings.put("baseUrl", "https://api.runcomfy.net");
        settings.put("token", "rc_live_abc123");
        settings.put("comfyOrgApiKey", "comfyui-xyz");
        settings.put("webhook.authHeader", "Bearer s3cr3t");
        settings.put("proxyPassword", "");
        settings.put("outputFolder", null);
        String report = diagnostics().report(settings);
        assertThat(report)
                .doesNotContain("rc_live_abc123", "comfyui-xyz", "s3cr3t")
                .contains("profile: Studio GPU\nbaseUrl: https://api.runcomfy.net\ntoken: <redacted>\n")
                .contains("comfyOrgApiKey: <redacted>", "webhook.authHeader: <redacted>")
                .contains("proxyPassword: (not set)", "outputFolder: (not set)");
    }

    @Test
    void javaFxNotStartedIsSaidSo() {
        Properties system = new Properties();
        String report = new Diagnostics(system, Map.of(), Runtime.getRuntime(), Instant.EPOCH, Path.of("logs"))
                .reportSorted(Map.of("b", 1, "a", 2));
        assertThat(report).contains("JavaFX: not started").contains("Settings\na: 2\nb: 1\n");
    }
}
