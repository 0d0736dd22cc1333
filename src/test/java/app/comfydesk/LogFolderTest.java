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
        // endsWithRaw: the folder need not exist yet (nothing has logged into it on a clean checkout).
        assertThat(LogFolder.current()).endsWithRaw(Path.of("test-home", "logs"));
    }
}
