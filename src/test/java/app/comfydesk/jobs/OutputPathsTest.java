package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputPathsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|../../evil.png|evil.png",
        "../../..|x.png|x.png",
        "/etc|passwd|etc/passwd",
        "C:\\Windows|system.ini|C_/Windows/system.ini",
        "''|C:\\Windows\\win.ini|win.ini",
        "''|CON.png|_CON.png",
        "''|nul|_nul",
        "''|com1.txt|_com1.txt",
        "a/./b|f.png|a/b/f.png",
        "''|'..'|output-1",
        "''|'   '|output-1",
        "''|name. . .|name",
        "''|a<b>c:d\"e?f*g.png|a_b_c_d_e_f_g.png",
    })
    void hostileNamesStayInsideTheFolder(String subfolder, String filename, String expected) {
        Path p = OutputPaths.plan(dir, subfolder, filename, "https://cdn.example/", 0, new HashSet<>());
        assertThat(p.startsWith(dir)).isTrue();
        assertThat(dir.relativize(p).toString().replace('\\', '/')).isEqualTo(expected);
    }

    @Test
    void controlCharactersAndLongNamesAreTamed() {
        Path p = OutputPaths.plan(dir, "sub\u0000dir", "a\u0001b\nc.png", null, 0, new HashSet<>());
        assertThat(dir.relativize(p).toString()).isEqualTo("sub_dir/a_b_c.png".replace('/', java.io.File.separatorChar));
        Path longName = OutputPaths.plan(dir, null, "x".repeat(500) + ".webp", null, 0, new HashSet<>());
        assertThat(longName.getFileName().toString()).hasSize(120).endsWith(".webp");
    }

    @Test
    void collisionsGetASuffixIncludingFilesAlreadyOnDisk() throws Exception {
        Files.writeString(dir.resolve("taken.png"), "old");
        Set<String> taken = new HashSet<>();
        assertThat(OutputPaths.plan(dir, "", "same.png", null, 0, taken).getFileName().toString())
                .isEqualTo("same.png");
        assertThat(OutputPaths.plan(dir, "", "SAME.png", null, 1, taken).getFileName().toString())
                .isEqualTo("SAME_1.png");
        assertThat(OutputPaths.plan(dir, "", "same.png", null, 2, taken).getFileName().toString())
                .isEqualTo("same_2.png");
        assertThat(OutputPaths.plan(dir, "", "taken.png", null, 3, taken).getFileName().toString())
                .isEqualTo("taken_1.png");
    }

    @Test
    void missingNamesFallBackToTheUrlThenAnIndex() {
        assertThat(OutputPaths.plan(dir, null, null, "https://cdn.example/a/b/ComfyUI_00001_.png?sig=1", 4,
                new HashSet<>()).getFileName().toString()).isEqualTo("ComfyUI_00001_.png");
        assertThat(OutputPaths.plan(dir, null, null, "https://cdn.example/", 4, new HashSet<>()).getFileName()
                .toString()).isEqualTo("output-5");
        assertThat(OutputPaths.requestFolder(dir, "../../x").getParent()).isEqualTo(dir);
    }
}
