package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirectoriesTest {

    private static final Path HOME = Path.of("/home/ann").toAbsolutePath();

    @Test
    void overrideWinsEverywhere() {
        AppDirectories d = AppDirectories.detect(Map.of("COMFYDESK_HOME", "/tmp/cd"), "Windows 11", HOME, null);
        assertThat(d.data()).isEqualTo(Path.of("/tmp/cd/data").toAbsolutePath());
        assertThat(d.databaseFile()).isEqualTo(Path.of("/tmp/cd/data/jobs.db").toAbsolutePath());
        assertThat(d.outputs()).isEqualTo(Path.of("/tmp/cd/outputs").toAbsolutePath());
    }

    @Test
    void surefireSetsTheTestHome() {
        assertThat(System.getenv("COMFYDESK_HOME")).endsWith("test-home");
        assertThat(AppDirectories.detect().data().toString()).contains("test-home");
    }

    @Test
    void platformConventions() {
        assertThat(AppDirectories.detect(Map.of(), "Linux", HOME, null).data())
                .isEqualTo(HOME.resolve(".local/share/comfydesk"));
        assertThat(AppDirectories.detect(Map.of("XDG_CONFIG_HOME", "/x/cfg"), "Linux", HOME, null).config())
                .isEqualTo(Path.of("/x/cfg/comfydesk"));
        assertThat(AppDirectories.detect(Map.of(), "Mac OS X", HOME, null).data())
                .isEqualTo(HOME.resolve("Library/Application Support/ComfyDesk"));
        assertThat(AppDirectories.detect(Map.of("APPDATA", "/w/Roaming"), "Windows 10", HOME, null).config())
                .isEqualTo(Path.of("/w/Roaming/ComfyDesk"));
    }
}
