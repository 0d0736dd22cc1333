package app.comfydesk.workflow;

import app.comfydesk.bench.WorkflowCoreSchemaGenerator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped core schema is exactly what the generator derives from the corpus dump: no hand edits drift in. */
class CoreSchemaTest {

    @Test
    void shippedSchemaMatchesTheGenerator() throws Exception {
        var dump = ExactJson.parse(Files.readAllBytes(Corpus.root().resolve(WorkflowCoreSchemaGenerator.DUMP)));
        String generated = ExactJson.writePretty(WorkflowCoreSchemaGenerator.generate(dump)) + "\n";
        String shipped = Files.readString(Path.of("assets/schema/core-object-info.json"));
        assertThat(shipped)
                .as("assets/schema/core-object-info.json is stale; run "
                        + "mvn -Pbench -Dbench=WorkflowCoreSchemaGenerator test-compile exec:java")
                .isEqualTo(generated);
        assertThat(NodeSchemas.builtIn().size()).isEqualTo(WorkflowCoreSchemaGenerator.generate(dump).size());
    }
}
