package app.comfydesk.ui.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which server-side file an image input's name shows as a thumbnail (issue 16, item 11): only ones inside. */
class ServerFileTest {

    @TempDir
    Path dir;

    @Test
    void aPlainNameOrSubfolderInsideTheInputFolderIsFound() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        Files.write(input.resolve("sandbox-sample.png"), new byte[] {1});
        Files.createDirectories(input.resolve("sub"));
        Files.write(input.resolve("sub/x.png"), new byte[] {1});
        assertThat(ImageInputs.serverFile(input, "sandbox-sample.png")).isPresent();
        assertThat(ImageInputs.serverFile(input, "sandbox-sample.png [input]")).isPresent();
        assertThat(ImageInputs.serverFile(input, "sub/x.png")).isPresent();
        assertThat(ImageInputs.serverFile(input, "missing.png")).isEmpty();
        assertThat(ImageInputs.serverFile(null, "sandbox-sample.png")).isEmpty();
    }

    @Test
    void namesThatLeaveTheFolderAreNeverResolved() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        Files.write(dir.resolve("secret.png"), new byte[] {1});
        Files.createSymbolicLink(input.resolve("link.png"), dir.resolve("secret.png"));
        for (String name : new String[] {"../secret.png", "sub/../../secret.png", dir.resolve("secret.png").toString(),
                "..\\secret.png", "C:secret.png", "link.png", "", " ", "a\u0000b"}) {
            assertThat(ImageInputs.serverFile(input, name)).as(name).isEmpty();
        }
    }
}
