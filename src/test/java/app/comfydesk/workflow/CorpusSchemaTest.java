package app.comfydesk.workflow;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every object_info.json of the corpus parses without an exception and every input spec gets a kind. */
class CorpusSchemaTest {

    @TestFactory
    Stream<DynamicTest> everyObjectInfoParsesAndEverySpecHasAKind() {
        return Corpus.files("object_info").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> {
                    NodeSchemas schemas = NodeSchemas.parse(file);
                    Map<String, Integer> counts = kindCounts(schemas);
                    int inputs = counts.values().stream().mapToInt(Integer::intValue).sum();
                    System.out.printf("object_info %s: %d classes, %d inputs, per kind %s, warnings %s%n",
                            file.getFileName(), schemas.size(), inputs, counts, schemas.warnings());

                    assertThat(schemas.size()).isPositive();
                    assertThat(schemas.warnings()).isEmpty();
                    assertThat(schemas.all()).allSatisfy(schema -> {
                        assertThat(schema.displayName()).isNotBlank();
                        assertThat(schema.inputs()).allSatisfy(spec -> assertThat(spec.name()).isNotBlank());
                    });
                    // unknown is the honest fallback, not the common case
                    assertThat(counts.getOrDefault("UnknownSpec", 0)).isLessThan(Math.max(3, inputs / 20));
                }));
    }

    @Test
    void theLargeDumpKeepsEveryInputOfTheFile() throws Exception {
        Path file = Corpus.root().resolve("object_info/rvion__comfy-ts__tests_fixtures_object_info.json");
        var raw = ExactJson.parse(java.nio.file.Files.readAllBytes(file));
        NodeSchemas schemas = NodeSchemas.parse(file);
        int expected = 0;
        for (var node : raw) {
            expected += node.path("input").path("required").size() + node.path("input").path("optional").size();
        }
        int actual = schemas.all().stream().mapToInt(schema -> schema.inputs().size()).sum();
        assertThat(actual).isEqualTo(expected);
        assertThat(schemas.size()).isEqualTo(raw.size());
    }

    static Map<String, Integer> kindCounts(NodeSchemas schemas) {
        Map<String, Integer> counts = new TreeMap<>();
        schemas.all().forEach(schema -> schema.inputs().forEach(spec ->
                counts.merge(spec.getClass().getSimpleName(), 1, Integer::sum)));
        return counts;
    }
}
