package app.comfydesk.workflow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The third-party corpus in ../shared/corpus (surefire passes its location as comfydesk.corpus). */
final class Corpus {

    private Corpus() {
    }

    static Path root() {
        Path root = Path.of(System.getProperty("comfydesk.corpus", "../shared/corpus"));
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("corpus not found at " + root.toAbsolutePath());
        }
        return root;
    }

    static List<Path> files(String folder) {
        try (Stream<Path> files = Files.list(root().resolve(folder))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (list.isEmpty()) {
                throw new IllegalStateException("no corpus files in " + folder);
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every token of a JSON text with its exact text (field names, strings, and numbers as written), so two texts
     * compare equal only when keys, order and number spelling all match; whitespace is ignored.
     */
    static List<String> tokens(String json) {
        List<String> tokens = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                tokens.add(token.name() + " " + parser.getText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
