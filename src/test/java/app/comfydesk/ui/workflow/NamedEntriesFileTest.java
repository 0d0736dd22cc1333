package app.comfydesk.ui.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one file format of presets and saved sweeps: {name: value}, exact, bounded, written atomically. */
class NamedEntriesFileTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileHasNoEntriesAndWhatIsWrittenComesBackExactly() throws Exception {
        NamedEntriesFile file = new NamedEntriesFile(dir.resolve("presets/ab.json"), 1024, "presets");
        assertThat(file.read().isEmpty()).isTrue();
        Files.createDirectories(dir.resolve("presets"));
        ObjectNode entries = (ObjectNode) ExactJson.parse(
                "{\"beta\": {\"3\": {\"inputs\": {\"seed\": 18446744073709551615, \"cfg\": 7.10}}}, \"Alpha\": {}}");
        file.write(entries);
        assertThat(file.read()).isEqualTo(entries);
        assertThat(ExactJson.write(file.read())).contains("18446744073709551615").contains("7.10");
        assertThat(NamedEntriesFile.names(file.read())).containsExactly("Alpha", "beta");
    }

    @Test
    void aFileOverTheLimitIsRefusedNamingTheLimitAndWhatItHolds() throws Exception {
        Path path = dir.resolve("big.json");
        Files.writeString(path, "{\"a\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}");
        NamedEntriesFile file = new NamedEntriesFile(path, 2L * 1024 * 1024, "presets");
        assertThatThrownBy(file::read).isInstanceOf(IOException.class)
                .hasMessageContaining("larger than 2 MB, the most presets are read from; move it away");
    }

    @Test
    void somethingElseThanAnObjectCountsAsNoEntries() throws Exception {
        Path path = dir.resolve("list.json");
        Files.writeString(path, "[1, 2]");
        assertThat(new NamedEntriesFile(path, 1024, "saved sweeps").read().isEmpty()).isTrue();
    }
}
