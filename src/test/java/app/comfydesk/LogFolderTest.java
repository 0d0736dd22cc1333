package app.comfydesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFolderTest {

    @Test
    void comfyDeskHomeWinsOnEveryPlatform() {
        Map<String, String> env = Map.of("COMFYDESK_HOME", "/data/cd", "XDG_STATE_HOME", "/state");
        assertThat(LogFolder.resolve("Linux", env, "/home/ann")).isEqualTo(Path.of("/data/cd", "logs"));
        assertThat(LogFolder.resolve("Mac OS X", env, "/Users/ann")).isEqualTo(Path.of("/data/cd", "logs"));
    }

    @Test
    void linuxUsesXdgStateHomeOrItsDefault() {
        assertThat(LogFolder.resolve("Linux", Map.of("XDG_STATE_HOME", "/state"), "/home/ann"))
                .isEqualTo(Path.of("/state/ComfyDesk/logs"));
        assertThat(LogFolder.resolve("Linux", Map.of(), "/home/ann"))
                .isEqualTo(Path.of("/home/ann/.local/state/ComfyDesk/logs"));
    }

    @Test
    void aRelativeOrBlankXdgStateHomeIsIgnoredAsTheSpecSays() {
        assertThat(LogFolder.resolve("Linux", Map.of("XDG_STATE_HOME", "state"), "/home/ann"))
                .isEqualTo(Path.of("/home/ann/.local/state/ComfyDesk/logs"));
        assertThat(LogFolder.resolve("FreeBSD", Map.of("XDG_STATE_HOME", " "), "/home/ann"))
                .isEqualTo(Path.of("/home/ann/.local/state/ComfyDesk/logs"));
    }

    @Test
    void macOsUsesLibraryLogs() {
        assertThat(LogFolder.resolve("Mac OS X", Map.of(), "/Users/ann"))
                .isEqualTo(Path.of("/Users/ann/Library/Logs/ComfyDesk"));
    }

    @Test
    void windowsUsesLocalAppData() {
        assertThat(LogFolder.resolve("Windows 11", Map.of("LOCALAPPDATA", "/c/Users/ann/AppData/Local"), "/c/Users/ann"))
                .isEqualTo(Path.of("/c/Users/ann/AppData/Local/ComfyDesk/logs"));
        assertThat(LogFolder.resolve("Windows 10", Map.of(), "/c/Users/ann"))
                .isEqualTo(Path.of("/c/Users/ann/AppData/Local/ComfyDesk/logs"));
    }

    @Test
    void theLogbackPropertyIsTheCurrentFolder() {
        // Surefire sets COMFYDESK_HOME to target/test-home.
        assertThat(new LogFolder().getPropertyValue()).isEqualTo(LogFolder.current().toString());
        assertThat(LogFolder.current()).endsWith(Path.of("test-home", "logs"));
    }
}
