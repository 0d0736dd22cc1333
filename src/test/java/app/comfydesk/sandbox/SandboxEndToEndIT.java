package app.comfydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.sandbox.exec.TestImages;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar end to end, as a user would type it: {@code java -jar target/comfydesk.jar sandbox} in one process,
 * {@code java -jar target/comfydesk.jar run ...} in another. Runs in {@code mvn verify} after packaging.
 */
class SandboxEndToEndIT {

    private static final Path JAR = Path.of("target/comfydesk.jar");

    @TempDir
    static Path work;

    private static Process sandbox;
    private static String baseUrl;
    private static String token;

    @BeforeAll
    static void startStandaloneSandbox() throws Exception {
        assertThat(JAR).as("package the jar first (mvn verify does)").exists();
        ProcessBuilder pb = new ProcessBuilder(java(), "-Djava.awt.headless=true", "-jar", JAR.toString(), "sandbox",
                "--port", "0", "--home", work.resolve("sandbox-home").toString(), "--queue-time", "100ms",
                "--run-time", "200ms");
        pb.redirectErrorStream(true);
        sandbox = pb.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(sandbox.getInputStream(),
                StandardCharsets.UTF_8));
        Pattern url = Pattern.compile("Base URL:\\s+(\\S+)");
        Pattern tok = Pattern.compile("Token:\\s+(\\S+)");
        List<String> seen = new ArrayList<>();
        CompletableFuture<Void> banner = CompletableFuture.runAsync(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    seen.add(line);
                    Matcher m = url.matcher(line);
                    if (m.find()) {
                        baseUrl = m.group(1);
                    }
                    m = tok.matcher(line);
                    if (m.find()) {
                        token = m.group(1);
                    }
                    if (line.startsWith("Press Ctrl+C")) {
                        return;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        banner.get(60, TimeUnit.SECONDS);
        assertThat(baseUrl).as("sandbox output: %s", seen).startsWith("http://127.0.0.1:");
        assertThat(token).startsWith("sbx_");
        // Keep draining its output so the process never blocks on a full pipe.
        CompletableFuture.runAsync(() -> {
            try {
                while (lines.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        if (sandbox != null) {
            sandbox.destroy(); // SIGTERM: the shutdown hook closes the server
            assertThat(sandbox.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void runTxt2imgSampleAgainstTheStandaloneSandbox() throws Exception {
        Path out = work.resolve("x");
        Result run = cli("run", "assets/workflows/sample-txt2img.json", "--base-url", baseUrl, "--deployment",
                "sample-txt2img", "--out", out.toString());
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("\"event\":\"finished\"", "\"status\":\"succeeded\"");
        Path png = onlyFile(out);
        assertThat(png.getFileName().toString()).isEqualTo("ComfyUI_00001_.png");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(512);
        assertThat(image.getHeight()).isEqualTo(512);
        assertThat(TestImages.textChunk(Files.readAllBytes(png), "prompt")).contains("\"class_type\": \"KSampler\"");
    }

    @Test
    void runImageEditSampleWithAnUploadedImage() throws Exception {
        Path out = work.resolve("edit");
        Result run = cli("run", "assets/workflows/sample-image-edit.json", "--base-url", baseUrl, "--deployment",
                "sample-image-edit", "--api-version", "v2", "--image", "10.image=assets/images/sandbox-sample.png",
                "--set", "11.scale_by=0.5", "--out", out.toString());
        assertThat(run.exit).as(run.output).isZero();
        BufferedImage image = ImageIO.read(onlyFile(out).toFile());
        assertThat(image.getWidth()).isEqualTo(80);
        assertThat(image.getHeight()).isEqualTo(60);
    }

    @Test
    void wrongTokenIsAnApiErrorExit() throws Exception {
        Result run = cliWithToken("nope", "run", "assets/workflows/sample-txt2img.json", "--base-url", baseUrl,
                "--deployment", "sample-txt2img", "--out", work.resolve("never").toString());
        assertThat(run.exit).as(run.output).isEqualTo(4);
        assertThat(run.output).contains("401");
    }

    private record Result(int exit, String output) {
    }

    private static Result cli(String... args) throws Exception {
        return cliWithToken(token, args);
    }

    private static Result cliWithToken(String runcomfyToken, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Djava.awt.headless=true", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("RUNCOMFY_TOKEN", runcomfyToken);
        env.put("COMFYDESK_HOME", work.resolve("cli-home").toString());
        Process p = pb.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not finish: " + command);
        }
        return new Result(p.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
