package app.comfydesk;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.jobs.AppDirectories;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LogFolderTest {

    @Test
    void theLogFolderIsTheLogsFolderOfAppDirectories() {
        // Surefire sets COMFYDESK_HOME to target/test-home; the per-platform rules are AppDirectories' tests.
        assertThat(LogFolder.current()).isEqualTo(AppDirectories.detect().logs());
        assertThat(LogFolder.current()).endsWith(Path.of("test-home", "logs"));
    }
}
