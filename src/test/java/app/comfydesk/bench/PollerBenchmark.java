package app.comfydesk.bench;

import app.comfydesk.api.ApiJson;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.ClientFactory;
import app.comfydesk.jobs.EngineSettings;
import app.comfydesk.jobs.JobEngine;
import app.comfydesk.jobs.JobEvent;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.JobSubmission;
import app.comfydesk.jobs.JobTarget;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The poller under load: 1,000 jobs submitted at once to a simulated RunComfy queue on 127.0.0.1 (a JDK HttpServer;
 * 400 run at a time, each for 15–45 s, the rest wait in FIFO order with real queue positions). Reports status
 * requests per job-minute, completion-to-detection latency (the simulated completion instant to the engine's
 * DOWNLOADING event) and the CPU time of the engine's threads (everything but the simulated server's).
 *
 * <p>{@code mvn -Pbench -Dbench=PollerBenchmark test-compile exec:java} (optional {@code -Djobs=}, {@code -Dslots=}).
 */
public final class PollerBenchmark {

    private static final Pattern PATH = Pattern.compile(
            "/prod/v1/deployments/bench/(inference|requests/([^/]+)/(status|result))");

    private final int jobs;
    private final int slots;
    private final long minRunNanos = TimeUnit.SECONDS.toNanos(15);
    private final long maxRunNanos = TimeUnit.SECONDS.toNanos(45);
    private final Random random = new Random(42);

    private final Map<String, SimJob> sim = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<SimJob> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong statusRequests = new AtomicLong();
    private final AtomicLong resultRequests = new AtomicLong();
    private final Map<String, Long> detectedAt = new ConcurrentHashMap<>();

    private static final class SimJob {
        final String id;
        final long seq;
        final long submittedAt = System.nanoTime();
        final long runNanos;
        volatile long startAt = -1;
        volatile long endAt = Long.MAX_VALUE;

        SimJob(String id, long seq, long runNanos) {
            this.id = id;
            this.seq = seq;
            this.runNanos = runNanos;
        }
    }

    PollerBenchmark(int jobs, int slots) {
        this.jobs = jobs;
        this.slots = slots;
    }

    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("jobs", 1000);
        int slots = Integer.getInteger("slots", 400);
        new PollerBenchmark(jobs, slots).run();
        System.exit(0);
    }

    private void run() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        AtomicInteger serverThreads = new AtomicInteger();
        server.setExecutor(Executors.newFixedThreadPool(4, r -> new Thread(r, "bench-server-"
                + serverThreads.incrementAndGet())));
        server.createContext("/", this::handle);
        server.start();
        ScheduledExecutorService simulation = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r,
                "bench-sim"));
        simulation.scheduleAtFixedRate(this::advance, 10, 10, TimeUnit.MILLISECONDS);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        Path home = Files.createTempDirectory("poller-bench");
        JobStore store = JobStore.open(home.resolve("jobs.db"));
        JobEngine engine = new JobEngine(store, ClientFactory.withTokens(profile -> "bench-token"),
                EngineSettings.defaults(home.resolve("out")));
        engine.addListener(event -> {
            if (event instanceof JobEvent.StatusChanged sc && sc.job().status() == JobStatus.DOWNLOADING) {
                detectedAt.putIfAbsent(sc.job().requestId(), System.nanoTime());
            }
        });
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpuByThread = new ConcurrentHashMap<>();
        Map<Long, String> nameByThread = new ConcurrentHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r,
                "bench-sampler"));
        sampler.scheduleAtFixedRate(() -> sampleCpu(threads, cpuByThread, nameByThread), 0, 200,
                TimeUnit.MILLISECONDS);

        long t0 = System.nanoTime();
        engine.start().join();
        JobTarget target = new JobTarget(URI.create(base), ApiVersion.V1, "bench", null);
        List<java.util.concurrent.CompletableFuture<?>> submits = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ObjectNode overrides = ApiJson.object();
            overrides.putObject("6").putObject("inputs").put("text", "job " + i);
            submits.add(engine.submit(new JobSubmission(target, SubmitRequest.overrides(overrides), overrides,
                    "bench.json", "job " + i)));
        }
        java.util.concurrent.CompletableFuture.allOf(submits.toArray(new java.util.concurrent.CompletableFuture[0]))
                .get(5, TimeUnit.MINUTES);
        long submittedAll = System.nanoTime();
        Set<JobStatus> done = Set.of(JobStatus.SUCCEEDED);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int finished;
        while ((finished = store.count(JobQuery.all().withStatuses(done))) < jobs && System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextProgress) {
                // A sign of life every ~10 s: the run takes minutes and prints nothing else until the end.
                System.out.printf(Locale.ROOT, "  ... %.0f s: %d of %d jobs done, %d status requests so far%n",
                        (System.nanoTime() - t0) / 1e9, finished, jobs, statusRequests.get());
                nextProgress += TimeUnit.SECONDS.toNanos(10);
            }
            Thread.sleep(250);
        }
        long t1 = System.nanoTime();
        sampleCpu(threads, cpuByThread, nameByThread);
        sampler.shutdownNow();
        engine.close();
        simulation.shutdownNow();
        server.stop(0);
        int succeeded = store.count(JobQuery.all().withStatuses(done));
        store.close();
        try (java.util.stream.Stream<Path> files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        List<Long> latencies = new ArrayList<>();
        double jobMinutes = 0;
        for (SimJob job : sim.values()) {
            Long detected = detectedAt.get(job.id);
            if (detected == null) {
                continue;
            }
            latencies.add(detected - job.endAt);
            jobMinutes += (detected - job.submittedAt) / 60e9;
        }
        Collections.sort(latencies);
        long engineCpu = 0;
        long serverCpu = 0;
        for (Map.Entry<Long, Long> e : cpuByThread.entrySet()) {
            String name = nameByThread.getOrDefault(e.getKey(), "");
            // The JDK HttpServer's own dispatcher threads belong to the simulated server; the exec:java main thread
            // is the harness (builds the 1,000 requests, counts finished jobs every 250 ms).
            if (name.startsWith("bench-") || name.equals("main") || name.startsWith("HTTP-Dispatcher")
                    || name.endsWith(".main()")) {
                serverCpu += e.getValue();
            } else {
                engineCpu += e.getValue();
            }
        }
        double wall = (t1 - t0) / 1e9;
        if (Boolean.getBoolean("threads")) {
            Map<String, Long> byName = new java.util.TreeMap<>();
            cpuByThread.forEach((id, ns) -> byName.merge(nameByThread.getOrDefault(id, "?")
                    .replaceAll("-\\d+$", ""), ns, Long::sum));
            byName.forEach((name, ns) -> System.out.printf(Locale.ROOT, "  thread %-40s %.2f s%n", name, ns / 1e9));
        }
        long processCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.out.printf(Locale.ROOT, "%nPoller benchmark: %d jobs (%d succeeded), %d run at a time, runs of 15-45 s"
                + "%n", jobs, succeeded, slots);
        System.out.printf(Locale.ROOT, "  wall time                       %.1f s (all submitted after %.1f s)%n", wall,
                (submittedAll - t0) / 1e9);
        System.out.printf(Locale.ROOT, "  status requests                 %d (+ %d result requests)%n",
                statusRequests.get(), resultRequests.get());
        System.out.printf(Locale.ROOT, "  job-minutes (submit->detected)  %.1f%n", jobMinutes);
        System.out.printf(Locale.ROOT, "  status requests per job-minute  %.1f   (goal <= 25)%n",
                statusRequests.get() / jobMinutes);
        System.out.printf(Locale.ROOT, "  completion->detection p50       %.2f s%n", percentile(latencies, 0.50));
        System.out.printf(Locale.ROOT, "  completion->detection p99       %.2f s   (goal <= 2.5 s)%n",
                percentile(latencies, 0.99));
        System.out.printf(Locale.ROOT, "  completion->detection max       %.2f s%n", percentile(latencies, 1.0));
        System.out.printf(Locale.ROOT, "  engine CPU (engine, HTTP, downloads) %.2f s = %.2f%% of one core   (goal < 5%%)"
                + "%n", engineCpu / 1e9, 100.0 * engineCpu / 1e9 / wall);
        System.out.printf(Locale.ROOT, "  simulated server + harness CPU  %.2f s; whole process incl. GC/JIT %.2f s%n",
                serverCpu / 1e9, processCpu / 1e9);
    }

    private static void sampleCpu(ThreadMXBean threads, Map<Long, Long> cpu, Map<Long, String> names) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long t = threads.getThreadCpuTime(info.getThreadId());
            if (t >= 0) {
                cpu.merge(info.getThreadId(), t, Math::max);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e9;
    }

    /** Finishes jobs whose time is up and starts waiting ones in FIFO order while slots are free. */
    private void advance() {
        long now = System.nanoTime();
        int running = 0;
        for (SimJob job : sim.values()) {
            if (job.startAt >= 0 && job.endAt > now) {
                running++;
            }
        }
        while (running < slots) {
            SimJob next = waiting.poll();
            if (next == null) {
                break;
            }
            next.startAt = now;
            next.endAt = now + next.runNanos;
            started.incrementAndGet();
            running++;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        if (path.startsWith("/files/")) {
            byte[] bytes = new byte[1024];
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            return;
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            send(exchange, 404, "{\"error_code\":\"NOT_FOUND\",\"message\":\"no such path\"}");
            return;
        }
        if (m.group(1).equals("inference")) {
            long seq = nextId.getAndIncrement();
            String id = "req-" + seq;
            long run;
            synchronized (random) {
                run = minRunNanos + (long) (random.nextDouble() * (maxRunNanos - minRunNanos));
            }
            SimJob job = new SimJob(id, seq, run);
            sim.put(id, job);
            waiting.add(job);
            send(exchange, 200, "{\"request_id\":\"" + id + "\"}");
            return;
        }
        SimJob job = sim.get(m.group(2));
        if (job == null) {
            send(exchange, 404, "{\"message\":\"unknown request\"}");
            return;
        }
        long now = System.nanoTime();
        if (m.group(3).equals("status")) {
            statusRequests.incrementAndGet();
            if (job.startAt < 0) {
                long position = Math.max(0, job.seq - started.get());
                send(exchange, 200, "{\"status\":\"in_queue\",\"queue_position\":" + position + "}");
            } else if (job.endAt > now) {
                send(exchange, 200, "{\"status\":\"in_progress\",\"instance_id\":\"i-1\"}");
            } else {
                send(exchange, 200, "{\"status\":\"completed\"}");
            }
            return;
        }
        resultRequests.incrementAndGet();
        String base = "http://127.0.0.1:" + exchange.getLocalAddress().getPort();
        send(exchange, 200, "{\"status\":\"succeeded\",\"outputs\":{\"9\":{\"images\":[{\"url\":\"" + base
                + "/files/" + job.id + ".png\",\"filename\":\"out.png\"}]}}}");
    }

    private static void send(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
