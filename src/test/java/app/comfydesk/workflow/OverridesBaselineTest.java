package app.comfydesk.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class OverridesBaselineTest {

    private static final String SD15 = "workflows/api/SaladTechnologies__comfyui-api__example-workflows_sd1.5_"
            + "txt2img.json";
    private static final String FLUX = "workflows/api/SaladTechnologies__comfyui-api__example-workflows_flux_"
            + "txt2img.json";

    private static String corpus(String file) throws Exception {
        return Files.readString(Corpus.root().resolve(file));
    }

    private static Workflow read(String json) throws Exception {
        return new WorkflowReader().read(json, "test").workflow();
    }

    @Test
    void anEditedCopyOfTheStoredWorkflowYieldsExactlyItsDifferencesWithExactNumbers() throws Exception {
        String stored = corpus(SD15);
        String edited = stored.replace("\"seed\": 712610403220747", "\"seed\": 18446744073709551615")
                .replace("\"cfg\": 8", "\"cfg\": 1e-05")
                .replace("\"steps\": 20", "\"steps\": 20.0")   // the same value written otherwise: no edit
                .replace("\"text\": \"text, watermark\"", "\"text\": \"blurry\"")
                .replaceFirst("\"negative\":\\s*\\[\\s*\"7\",\\s*0\\s*]", "\"negative\": [\"6\", 0]");
        assertThat(edited).isNotEqualTo(stored);
        OverridesBaseline baseline = new OverridesBaseline(read(stored), null);

        assertThat(ExactJson.write(baseline.overridesFor(read(edited)))).isEqualTo("{\"3\":{\"inputs\":{"
                + "\"seed\":18446744073709551615,\"cfg\":1e-05,\"negative\":[\"6\",0]}},"
                + "\"7\":{\"inputs\":{\"text\":\"blurry\"}}}");
        assertThat(baseline.overridesFor(read(stored))).as("the stored workflow itself").isEmpty();
    }

    @Test
    void defaultOverridesAreWhatAnInputHasWhenNothingIsSent() throws Exception {
        String stored = corpus(SD15);
        var defaults = ExactJson.parse("{\"5\":{\"inputs\":{\"width\":768}}}");
        OverridesBaseline baseline = new OverridesBaseline(read(stored), defaults);

        assertThat(ExactJson.write(baseline.overridesFor(read(stored)))).as("512 differs from the default 768")
                .isEqualTo("{\"5\":{\"inputs\":{\"width\":512}}}");
        assertThat(baseline.overridesFor(read(stored.replace("\"width\": 512", "\"width\": 768")))).isEmpty();
    }

    @Test
    void aForeignGraphIsAValidationErrorNamingWhatTheStoredWorkflowLacks() throws Exception {
        OverridesBaseline baseline = new OverridesBaseline(read(corpus(SD15)), null);
        Workflow foreign = read(corpus(FLUX));
        assertThatThrownBy(() -> baseline.overridesFor(foreign)).isInstanceOf(OverridesBaseline.Mismatch.class)
                .hasMessageContaining("send the full workflow instead")
                .satisfies(e -> assertThat(((OverridesBaseline.Mismatch) e).problems()).isNotEmpty()
                        .allSatisfy(p -> assertThat(p).containsPattern("node \\S+")));

        String extraInput = corpus(SD15).replace("\"batch_size\": 1", "\"batch_size\": 1, \"tiles\": 4");
        assertThatThrownBy(() -> baseline.overridesFor(read(extraInput)))
                .hasMessageContaining("has no input 'tiles' on node 5 (EmptyLatentImage)");
    }
}
