package app.comfydesk.ui;

import app.comfydesk.api.ApiJson;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.JobSubmission;
import app.comfydesk.jobs.JobTarget;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** Ended jobs written straight into a store, for layout tests that need a full job table. */
public final class TestJobs {

    private TestJobs() {
    }

    /** {@code count} jobs 7 s apart with long request ids, each ended 3 s after it began; every {@code failEvery}th
     * one (0: none) FAILED, the others SUCCEEDED. */
    public static void ended(JobStore store, int count, int failEvery) {
        JobTarget target = new JobTarget(URI.create("http://127.0.0.1:9"), ApiVersion.V1, "sample-txt2img", "p");
        Instant t0 = Instant.parse("2026-11-28T10:00:00Z");
        for (int i = 0; i < count; i++) {
            ObjectNode edits = ApiJson.object();
            edits.putObject("6").putObject("inputs").put("text", "beautiful scenery nature glass bottle " + i);
            Job job = store.create(new JobSubmission(target, SubmitRequest.overrides(edits), edits, "flux.json",
                    "beautiful scenery nature glass bottle " + i), t0.plusSeconds(i * 7L), null, Duration.ZERO);
            store.markSubmitted(job.id(), "req-" + i + "-8193fd83-0e25-45e5-8852", null, t0.plusSeconds(i * 7L));
            boolean failed = failEvery > 0 && i % failEvery == 0;
            store.updateStatus(job.id(), failed ? JobStatus.FAILED : JobStatus.SUCCEEDED, null, null, null,
                    t0.plusSeconds(i * 7L + 3));
        }
    }
}
