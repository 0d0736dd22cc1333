package app.comfydesk.sandbox;

import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * JSON and time formatting shared by the sandbox. Numbers keep their exact text through {@link ExactJson}: a sent
 * {@code 1e-05} stays {@code 1e-05} (a BigDecimal would write {@code 0.00001}), {@code 0.50} and 2^64-1 seeds too.
 */
final class SandboxJson {

    /** The real API answers naive UTC timestamps with microseconds: {@code 2025-07-22T13:05:16.143086}. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private SandboxJson() {
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static ObjectNode object() {
        return ExactJson.NODES.objectNode();
    }

    static JsonNode parse(byte[] body) throws JsonProcessingException {
        return ExactJson.parse(body);
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        return ExactJson.parse(text);
    }

    static JsonNode read(Path file) throws IOException {
        return ExactJson.parse(Files.readAllBytes(file));
    }

    static byte[] bytes(JsonNode node) {
        return ExactJson.write(node).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] prettyBytes(JsonNode node) {
        return ExactJson.writePretty(node).getBytes(StandardCharsets.UTF_8);
    }
}
