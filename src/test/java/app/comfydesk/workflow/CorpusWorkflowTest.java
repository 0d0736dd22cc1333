package app.comfydesk.workflow;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every workflow of the corpus: API files parse and round-trip exactly, UI files are rejected with the hint. */
class CorpusWorkflowTest {

    private final WorkflowReader reader = new WorkflowReader();

    @TestFactory
    Stream<DynamicTest> everyApiWorkflowRoundTripsExactly() {
        return Corpus.files("workflows/api").stream().map(file -> DynamicTest.dynamicTest(name(file), () -> {
            String text = Files.readString(file);
            LoadedWorkflow loaded = reader.read(file);

            assertThat(loaded.warnings()).isEmpty();
            assertThat(loaded.workflow().nodes()).isNotEmpty();
            assertThat(Corpus.tokens(loaded.workflow().toJson())).containsExactlyElementsOf(Corpus.tokens(text));
            assertThat(Corpus.tokens(loaded.workflow().toCompactJson())).containsExactlyElementsOf(Corpus.tokens(text));
            assertThat(Corpus.tokens(ExactJson.write(loaded.workflow().toObjectNode())))
                    .containsExactlyElementsOf(Corpus.tokens(text));
            // an edit with no changes applies to the very same workflow
            assertThat(Corpus.tokens(ExactJson.write(new WorkflowEdit(loaded.workflow()).appliedWorkflow())))
                    .containsExactlyElementsOf(Corpus.tokens(text));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyUiWorkflowIsRejectedWithTheExportHint() {
        return Corpus.files("workflows/ui").stream().map(file -> DynamicTest.dynamicTest(name(file), () ->
                assertThatThrownBy(() -> reader.read(file))
                        .isInstanceOfSatisfying(WorkflowFormatException.class, e -> {
                            assertThat(e.reason()).isEqualTo(WorkflowFormatException.Reason.UI_FORMAT);
                            assertThat(e.getMessage()).contains(file.getFileName().toString())
                                    .contains("Export (API)").contains("Save (API Format)");
                        })));
    }

    @TestFactory
    Stream<DynamicTest> everyEnvelopeUnwraps() {
        return Corpus.files("workflows/envelopes").stream().map(file -> DynamicTest.dynamicTest(name(file), () -> {
            LoadedWorkflow loaded = reader.read(file);
            assertThat(loaded.workflow().nodes()).isNotEmpty();
            assertThat(loaded.workflow().nodes()).allSatisfy(node -> assertThat(node.classType()).isNotBlank());
            // the unwrapped workflow equals the envelope's content, token for token
            var envelope = ExactJson.parse(Files.readString(file));
            var inner = envelope.has("prompt") ? envelope.get("prompt") : envelope.path("input").path("workflow");
            assertThat(Corpus.tokens(loaded.workflow().toJson()))
                    .containsExactlyElementsOf(Corpus.tokens(ExactJson.write(inner)));
        }));
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }
}
