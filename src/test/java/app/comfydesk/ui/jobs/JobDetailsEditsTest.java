package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.workflow.ExactJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Load edits into form" reads a stored job's edits: no value may be rounded on the way. */
class JobDetailsEditsTest {

    @Test
    void storedEditsKeepEveryDigit() {
        String edits = "{\"3\":{\"inputs\":{\"cfg\":7.12345678901234567890123,\"denoise\":0.1,"
                + "\"seed\":18446744073709551615}}}";
        JobDetails details = new JobDetails(null, List.of(), null, edits, null, null, List.of(), null);

        assertThat(ExactJson.write(details.edits())).isEqualTo(edits);
        assertThat(details.edits().at("/3/inputs/cfg").decimalValue().toPlainString())
                .isEqualTo("7.12345678901234567890123");
    }
}
