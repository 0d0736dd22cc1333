package app.comfydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers sent to the sandbox keep their text in the executed workflow, as ComfyUI's json.dumps keeps 1e-05. */
class SandboxNumberTextTest {

    private static final String API = "/prod/v1/deployments/sample-txt2img";

    @TempDir
    Path home;

    private SandboxServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void submittedNumberTextSurvivesInThePngPromptChunkAndTheStoredRequest() throws Exception {
        server = SandboxServer.start(SandboxConfig.forTests(home).build());
        RawHttp http = new RawHttp(server.baseUri(), server.token());
        String id = http.submit(API, """
                {"overrides": {
                  "3": {"inputs": {"denoise": 1e-05, "seed": 18446744073709551615, "cfg": 0.50}},
                  "5": {"inputs": {"width": 64, "height": 64}}}}""");
        http.awaitStatus(API, id, "completed");
        String url = http.get(API + "/requests/" + id + "/result").json()
                .get("outputs").get("9").get("images").get(0).get("url").asText();

        String prompt = pngText(http.download(url).body(), "prompt");
        assertThat(prompt).contains("\"denoise\": 1e-05", "\"seed\": 18446744073709551615", "\"cfg\": 0.50");

        String stored = Files.readString(requestRecord(id));
        assertThat(stored).contains("\"denoise\":1e-05", "\"seed\":18446744073709551615", "\"cfg\":0.50");
    }

    @Test
    void storedDeploymentNumbersKeepTheirTextToo() throws Exception {
        server = SandboxServer.start(SandboxConfig.forTests(home).build());
        String sample = Files.readString(home.resolve("deployments/sample-txt2img/workflow_api.json"));
        Files.writeString(home.resolve("deployments/sample-txt2img/workflow_api.json"),
                sample.replace("\"denoise\": 1.0", "\"denoise\": 1.00E-1"));
        RawHttp http = new RawHttp(server.baseUri(), server.token());
        String id = http.submit(API, "{\"overrides\": {\"5\": {\"inputs\": {\"width\": 64, \"height\": 64}}}}");
        http.awaitStatus(API, id, "completed");
        String url = http.get(API + "/requests/" + id + "/result").json()
                .get("outputs").get("9").get("images").get(0).get("url").asText();

        assertThat(pngText(http.download(url).body(), "prompt")).contains("\"denoise\": 1.00E-1", "\"cfg\": 7.0");
    }

    private Path requestRecord(String id) throws IOException {
        try (Stream<Path> files = Files.walk(home.resolve("storage"))) {
            return files.filter(p -> p.endsWith(Path.of(id, "request.json"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no request.json for " + id));
        }
    }

    /** The value of a PNG {@code tEXt} chunk. */
    static String pngText(byte[] png, String keyword) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(png));
        in.skipNBytes(8);
        while (in.available() > 0) {
            int length = in.readInt();
            String type = new String(in.readNBytes(4), StandardCharsets.US_ASCII);
            byte[] data = in.readNBytes(length);
            in.skipNBytes(4);
            String text = new String(data, StandardCharsets.ISO_8859_1);
            if (type.equals("tEXt") && text.startsWith(keyword + '\0')) {
                return text.substring(keyword.length() + 1);
            }
        }
        throw new AssertionError("no tEXt chunk " + keyword);
    }
}
