package app.comfydesk.soak;

import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobOutput;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.OutputState;
import app.comfydesk.sandbox.Fault;
import app.comfydesk.sandbox.FaultPlan;
import app.comfydesk.sandbox.SandboxConfig;
import app.comfydesk.sandbox.SandboxServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fault run of docs/RELIABILITY.md: N {@code java -jar target/comfydesk.jar run} processes against an in-process
 * sandbox that answers with random faults (429, 503, dropped connections, answers lost after processing) while slow
 * clients hold connections open; some processes are killed with SIGKILL while submitting, polling or downloading;
 * a {@code jobs --resume} runs beside the live ones and another after all of them. Then it counts, from the sandbox's
 * storage, the job database and the output folder: jobs submitted, succeeded, resubmitted, outputs missing and
 * duplicated. Exits 1 if any of the last three is not 0.
 *
 * <pre>mvn -B -q -DskipTests package &amp;&amp; mvn -Psoak test-compile exec:java [-Dsoak.jobs=24 -Dsoak.seed=7]</pre>
 */
public final class FaultRun {

    private static final Path JAR = Path.of("target/comfydesk.jar");
    private static final String WORKFLOW = "assets/workflows/sample-txt2img.json";

    private FaultRun() {
    }

    private enum Kill { NONE, WHILE_SUBMITTING, WHILE_POLLING, WHILE_DOWNLOADING }

    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("soak.jobs", 24);
        long seed = Long.getLong("soak.seed", 7);
        int parallel = Integer.getInteger("soak.parallel", 4);
        double faultRate = Double.parseDouble(System.getProperty("soak.faultRate", "0.08"));
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("Build the jar first: mvn -B -q -DskipTests package");
        }
        Path work = Files.createTempDirectory("comfydesk-soak");
        Path home = work.resolve("home");
        Path out = work.resolve("out");
        Random random = new Random(seed);
        FaultPlan faults = new FaultPlan()
                .randomly(faultRate, seed, null, "/status$", Fault.tooManyRequests(Duration.ofMillis(500)))
                .randomly(faultRate, seed + 1, null, "/(status|result)$", Fault.serverError(503))
                .randomly(faultRate, seed + 2, "GET", "/(status|result)$", Fault.dropConnection())
                .randomly(faultRate, seed + 3, "GET", "/(status|result)$", Fault.dropAfterProcessing())
                .randomly(faultRate, seed + 4, "GET", "/outputs/", Fault.dropConnection())
                .randomly(faultRate, seed + 5, "GET", "/outputs/", Fault.serverError(503));
        SandboxConfig config = SandboxConfig.builder(work.resolve("sandbox")).port(0).queueTime(Duration.ofMillis(800))
                .runTime(Duration.ofMillis(1200)).latency(Duration.ofMillis(20)).faults(faults).build();
        Map<Kill, Integer> kills = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        try (SandboxServer sandbox = SandboxServer.start(config)) {
            List<Socket> slow = openSlowClients(sandbox, 8);
            String base = sandbox.baseUri().toString();
            List<Process> live = new ArrayList<>();
            Process resumeBeside = null;
            for (int i = 0; i < jobs; i++) {
                while (live.size() >= parallel) {
                    live.removeIf(p -> !p.isAlive());
                    Thread.sleep(50);
                }
                Kill kill = i % 3 == 2 ? Kill.values()[1 + (i / 3) % 3] : Kill.NONE;
                live.add(startRun(home, out, base, sandbox.token(), i, kill, random, kills));
                if (i == jobs / 2) {
                    resumeBeside = cli(home, sandbox.token(), "jobs", "--resume");
                    drain(resumeBeside, null, null, null);
                }
            }
            for (Process p : live) {
                p.waitFor(10, TimeUnit.MINUTES);
            }
            if (resumeBeside != null) {
                resumeBeside.waitFor(10, TimeUnit.MINUTES);
            }
            Process resume = cli(home, sandbox.token(), "jobs", "--resume");
            drain(resume, null, null, null);
            resume.waitFor(10, TimeUnit.MINUTES);
            for (Socket s : slow) {
                s.close();
            }
            report(jobs, seed, faultRate, kills, sandbox.home(), home, out, Duration.ofNanos(System.nanoTime()
                    - started));
        }
    }

    private static Process startRun(Path home, Path out, String base, String token, int i, Kill kill, Random random,
                                    Map<Kill, Integer> kills) throws IOException {
        Process p = cli(home, token, "run", WORKFLOW, "--base-url", base, "--deployment", "sample-txt2img",
                "--set", "3.seed=" + (1000 + i), "--out", out.toString());
        long earlyKillMillis = 300 + random.nextInt(1500);
        String trigger = switch (kill) {
            case WHILE_POLLING -> "\"event\":\"submitted\"";
            case WHILE_DOWNLOADING -> "\"status\":\"downloading\"";
            default -> null;
        };
        drain(p, trigger, kill, kills);
        if (kill == Kill.WHILE_SUBMITTING) {
            daemon(() -> {
                try {
                    Thread.sleep(earlyKillMillis);
                    if (p.isAlive()) {
                        p.destroyForcibly();
                        kills.merge(kill, 1, Integer::sum);
                    }
                } catch (InterruptedException ignored) {
                    // the run ends anyway
                }
            });
        }
        return p;
    }

    /** Reads the process's output; SIGKILLs it on the first line containing {@code trigger}. */
    private static void drain(Process p, String trigger, Kill kill, Map<Kill, Integer> kills) {
        daemon(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (trigger != null && line.contains(trigger) && p.isAlive()) {
                        p.destroyForcibly();
                        kills.merge(kill, 1, Integer::sum);
                    }
                    if (line.contains("Exception") || line.contains("\tat ")) {
                        System.out.println("  unexpected output: " + line);
                    }
                }
            } catch (IOException ignored) {
                // killed
            }
        });
    }

    private static void daemon(Runnable work) {
        Thread t = new Thread(work, "soak");
        t.setDaemon(true);
        t.start();
    }

    private static Process cli(Path home, String token, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("RUNCOMFY_TOKEN", token);
        pb.environment().put("COMFYDESK_HOME", home.toString());
        return pb.start();
    }

    /** Connections that send a request header one byte at a time, every second. */
    private static List<Socket> openSlowClients(SandboxServer sandbox, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket s = new Socket(sandbox.baseUri().getHost(), sandbox.baseUri().getPort());
            sockets.add(s);
            daemon(() -> {
                try {
                    OutputStream o = s.getOutputStream();
                    for (byte b : "GET /prod/v1/deployments/x/requests/y/status HTTP/1.1\r\n".getBytes(
                            StandardCharsets.US_ASCII)) {
                        o.write(b);
                        o.flush();
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException ignored) {
                    // closed at the end, or by the server
                }
            });
        }
        return sockets;
    }

    private static void report(int runs, long seed, double faultRate, Map<Kill, Integer> kills, Path sandboxHome,
                               Path home, Path out, Duration took) throws IOException {
        Set<String> serverRequests = new HashSet<>();
        Path storage = sandboxHome.resolve("storage");
        try (Stream<Path> files = Files.walk(storage)) {
            files.filter(p -> p.getFileName().toString().equals("request.json"))
                    .forEach(p -> serverRequests.add(p.getParent().getFileName().toString()));
        }
        int succeeded = 0;
        int uncertain = 0;
        int other = 0;
        int missing = 0;
        Set<Path> referenced = new HashSet<>();
        List<Job> all;
        try (JobStore store = JobStore.open(home.resolve("data/jobs.db"))) {
            all = store.page(JobQuery.all(), 0, 100_000);
        }
        Set<String> known = new HashSet<>();
        for (Job job : all) {
            if (job.requestId() != null) {
                known.add(job.requestId());
            }
            if (job.status() == JobStatus.SUCCEEDED) {
                succeeded++;
            } else if (job.status() == JobStatus.SUBMISSION_UNCERTAIN) {
                uncertain++;
            } else {
                other++;
                System.out.println("  not succeeded: job " + job.id() + " " + job.status() + " "
                        + job.errorMessage());
            }
            for (JobOutput o : job.outputs()) {
                referenced.add(o.localPath());
                if (job.status() == JobStatus.SUCCEEDED && (o.state() != OutputState.SAVED
                        || !Files.isRegularFile(o.localPath()) || Files.size(o.localPath()) != o.bytes())) {
                    missing++;
                }
            }
            if (job.requestId() != null && job.status() != JobStatus.SUCCEEDED) {
                missing++;   // the server ran it; its pictures did not arrive
            }
        }
        // A request the server has that no job knows: sent twice, or sent for a job recorded as uncertain.
        int unknownToJobs = (int) serverRequests.stream().filter(r -> !known.contains(r)).count();
        int duplicated = 0;
        int partFiles = 0;
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.walk(out)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    if (p.getFileName().toString().endsWith(".part")) {
                        partFiles++;
                    } else if (!referenced.contains(p)) {
                        duplicated++;
                        System.out.println("  not an output of any job: " + p);
                    }
                }
            }
        }
        int resubmitted = Math.max(0, unknownToJobs - uncertain);
        System.out.printf(Locale.ROOT, "%nFault run: %d runs, seed %d, fault rate %.2f per matching request, "
                        + "%d slow clients, took %d s%n", runs, seed, faultRate, 8, took.toSeconds());
        System.out.printf(Locale.ROOT, "  killed (SIGKILL): while submitting %d, while polling %d, while "
                        + "downloading %d%n", kills.getOrDefault(Kill.WHILE_SUBMITTING, 0),
                kills.getOrDefault(Kill.WHILE_POLLING, 0), kills.getOrDefault(Kill.WHILE_DOWNLOADING, 0));
        System.out.printf(Locale.ROOT, "  jobs recorded %d, submitted (requests the server received) %d%n",
                all.size(), serverRequests.size());
        System.out.printf(Locale.ROOT, "  succeeded %d, submission uncertain (killed while sending) %d, other %d%n",
                succeeded, uncertain, other);
        System.out.printf(Locale.ROOT, "  resubmitted %d, outputs missing %d, outputs duplicated %d, .part files "
                + "left %d%n", resubmitted, missing, duplicated, partFiles);
        if (resubmitted != 0 || missing != 0 || duplicated != 0 || partFiles != 0) {
            System.exit(1);
        }
    }
}
