package app.comfydesk.ui.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PicksExportTest {

    @TempDir
    Path dir;

    @Test
    void namesAreMadeSafeAndBounded() {
        assertThat(PicksExport.safeName("../../etc/passwd")).isEqualTo("_.._etc_passwd");
        assertThat(PicksExport.safeName(".hidden.png")).isEqualTo("hidden.png");
        assertThat(PicksExport.safeName("a:b*c?.png")).isEqualTo("a_b_c_.png");
        assertThat(PicksExport.safeName("CON.png")).isEqualTo("output_CON.png");
        assertThat(PicksExport.safeName("x".repeat(300) + ".png")).hasSizeLessThanOrEqualTo(
                PicksExport.MAX_NAME_LENGTH).endsWith(".png");
    }

    @Test
    void copiesWithProgressAndNeverOverwrites() throws Exception {
        Path source = Files.writeString(dir.resolve("a.png"), "picture");
        Path folder = dir.resolve("out");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("job7-a.png"), "someone else's");
        List<String> progress = new ArrayList<>();
        OutputItem item = new OutputItem(source, 7, "#7 · a.png", 0, null);

        PicksExport.Result result = PicksExport.copy(List.of(item, item), folder,
                (done, total) -> progress.add(done + "/" + total));

        assertThat(result.copied()).isEqualTo(2);
        assertThat(progress).containsExactly("1/2", "2/2");
        assertThat(Files.readString(folder.resolve("job7-a.png"))).isEqualTo("someone else's");
        assertThat(Files.readString(folder.resolve("job7-a (2).png"))).isEqualTo("picture");
        assertThat(Files.readString(folder.resolve("job7-a (3).png"))).isEqualTo("picture");
        assertThat(result.summary(folder)).startsWith("Exported 2 outputs to ");
    }
}
