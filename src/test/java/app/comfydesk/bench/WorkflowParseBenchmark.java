package app.comfydesk.bench;

import app.comfydesk.workflow.ExactJson;
import app.comfydesk.workflow.FormFields;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.Node;
import app.comfydesk.workflow.Workflow;
import app.comfydesk.workflow.WorkflowEdit;
import app.comfydesk.workflow.WorkflowReader;
import com.fasterxml.jackson.databind.JsonNode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parse + overrides time per node on a synthetic 5,000-node workflow (plain main, no JMH: warm-up rounds, then the
 * median and 90th percentile of timed rounds).
 *
 * <pre>mvn -Pbench -Dbench=WorkflowParseBenchmark test-compile exec:java</pre>
 *
 * Optional arguments: node count (default 5000), timed rounds (default 40).
 */
public final class WorkflowParseBenchmark {

    private static final int WARMUP_ROUNDS = 30;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private WorkflowParseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        String json = WorkflowSyntheticData.workflow(nodes);
        WorkflowReader reader = new WorkflowReader();
        Workflow workflow = reader.read(json, "synthetic.json").workflow();
        Map<InputRef, JsonNode> edits = samplerEdits(workflow);

        System.out.printf(Locale.ROOT, "Workflow benchmark: %,d nodes, %,d bytes of JSON, %,d edited inputs, "
                        + "%d warm-up + %d timed rounds, %s %s%n", nodes, json.getBytes(StandardCharsets.UTF_8).length,
                edits.size(), WARMUP_ROUNDS, rounds, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        // Wall time suffers when other processes share the cores; the thread's CPU time much less so.
        System.out.println("step                                  median ms    p90 ms   median µs/node   CPU median ms"
                + "   CPU µs/node");

        measure("parse (WorkflowReader.read String)", nodes, rounds, () -> read(reader, json));
        WorkflowEdit base = new WorkflowEdit(workflow);
        measure("edit (withAll, " + edits.size() + " values)", nodes, rounds, () -> base.withAll(edits));
        WorkflowEdit edited = base.withAll(edits);
        measure("overrides()", nodes, rounds, edited::overrides);
        measure("parse + edit + overrides", nodes, rounds,
                () -> new WorkflowEdit(read(reader, json)).withAll(edits).overrides());
        measure("appliedWorkflow()", nodes, rounds, edited::appliedWorkflow);
        measure("validate()", nodes, rounds, edited::validate);
        measure("FormFields.describe (built-in schema)", nodes, rounds, () -> FormFields.describe(workflow, null));
        measure("toJson() (pretty, exact)", nodes, rounds, workflow::toJson);

        System.gc();
        long before = usedHeap();
        Workflow[] kept = new Workflow[10];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = read(reader, json);
        }
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "retained heap per parsed workflow: ~%.1f MiB (%d copies held, %d B/node)%n",
                (after - before) / 10.0 / (1024 * 1024), kept.length, (after - before) / 10 / nodes);
        System.out.println("overrides sample: " + ExactJson.write(edited.overrides().get("2")));
    }

    /** Every sampler's steps and seed changed: a worst case far beyond what a user edits by hand. */
    private static Map<InputRef, JsonNode> samplerEdits(Workflow workflow) {
        Map<InputRef, JsonNode> edits = new LinkedHashMap<>();
        for (Node node : workflow.nodes()) {
            if (node.classType().equals("KSampler")) {
                edits.put(node.ref("steps"), ExactJson.number("30"));
                edits.put(node.ref("seed"), ExactJson.number("12345678901234567890"));
            }
        }
        return edits;
    }

    private static Workflow read(WorkflowReader reader, String json) {
        try {
            return reader.read(json, "synthetic.json").workflow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void measure(String name, int nodes, int rounds, Supplier<?> work) {
        Object sink = null;
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            sink = work.get();
        }
        long[] nanos = new long[rounds];
        long[] cpuNanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long cpuStart = CPU.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            sink = work.get();
            nanos[i] = System.nanoTime() - start;
            cpuNanos[i] = CPU.getCurrentThreadCpuTime() - cpuStart;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpuNanos);
        double median = nanos[rounds / 2] / 1e6;
        double p90 = nanos[(int) Math.min(rounds - 1, Math.ceil(rounds * 0.9) - 1)] / 1e6;
        double cpuMedian = cpuNanos[rounds / 2] / 1e6;
        System.out.printf(Locale.ROOT, "%-38s %9.2f %9.2f %12.2f %15.2f %13.2f%s%n", name, median, p90,
                median * 1000 / nodes, cpuMedian, cpuMedian * 1000 / nodes, sink == null ? " (no result?)" : "");
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
