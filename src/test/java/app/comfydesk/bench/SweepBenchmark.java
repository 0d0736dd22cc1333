package app.comfydesk.bench;

import app.comfydesk.cli.CliHarness;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A 10 × 10 sweep (100 jobs) through {@code comfydesk run --sweep} against the built-in sandbox: the time from the
 * command's start until the 100th job was accepted (the "submitted" JSON line), and until all had ended and the
 * contact sheet was written. With an argument, also writes a 3 × 3 cfg × sampler contact sheet there (docs).
 *
 * <pre>mvn -Pbench -Dbench=SweepBenchmark [-Dexec.args=docs/contact-sheet.png] test-compile exec:java</pre>
 */
public final class SweepBenchmark {

    private SweepBenchmark() {
    }

    /** Notes when the n-th "submitted" line is printed. */
    private static final class SubmittedClock extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final long start;
        private final int expected;
        private int submitted;
        volatile long allSubmittedNanos = -1;

        SubmittedClock(long start, int expected) {
            this.start = start;
            this.expected = expected;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
            int nl;
            while ((nl = text.indexOf("\n")) >= 0) {
                String line = text.substring(0, nl);
                text.delete(0, nl + 1);
                if (line.contains("\"event\":\"submitted\"") && ++submitted == expected) {
                    allSubmittedNanos = System.nanoTime() - start;
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("sweep-bench");
        try (SandboxServer server = SandboxServer.start(SandboxConfig.forTests(home.resolve("sandbox")).workers(2)
                .build())) {
            Map<String, String> env = Map.of("RUNCOMFY_TOKEN", server.token());
            // Warm-up: class loading, JIT, fonts.
            run(server, env, home.resolve("warm"), 2, "3.cfg=4,8", "3.steps=1,2");
            List<String> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(run(server, env, home.resolve("run" + i), 100, "3.cfg=1..10", "3.steps=1..10"));
            }
            results.forEach(System.out::println);
            if (args.length > 0) {
                Path sheet = Path.of(args[0]).toAbsolutePath();
                int code = CliHarness.execute(env, home.resolve("docs"), new PrintWriter(new StringWriter()),
                        new PrintWriter(System.err, true), "run", "assets/workflows/sample-txt2img.json",
                        "--base-url", server.baseUri().toString(), "--deployment", "sample-txt2img",
                        "--out", home.resolve("docs-out").toString(), "--set", "6.text=a red fox in the snow",
                        "--sweep", "3.cfg=4,6,8", "--sweep", "3.sampler_name=euler,dpmpp_2m,ddim",
                        "--contact-sheet", sheet.toString());
                System.out.println("contact sheet (exit " + code + "): " + sheet);
            }
        }
    }

    private static String run(SandboxServer server, Map<String, String> env, Path dir, int jobs, String x, String y) {
        long start = System.nanoTime();
        SubmittedClock clock = new SubmittedClock(start, jobs);
        int code = CliHarness.execute(env, dir.resolve("home"), new PrintWriter(clock, true),
                new PrintWriter(System.err, true), "run", "assets/workflows/sample-txt2img.json",
                "--base-url", server.baseUri().toString(), "--deployment", "sample-txt2img",
                "--out", dir.resolve("out").toString(), "--sweep", x, "--sweep", y, "--max-in-flight", "100",
                "--contact-sheet", dir.resolve("sheet.png").toString());
        double total = (System.nanoTime() - start) / 1e6;
        return String.format("%d jobs (exit %d): all submitted after %.0f ms; all ended + contact sheet after %.0f ms",
                jobs, code, clock.allSubmittedNanos / 1e6, total);
    }
}
