package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.api.ApiJson;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobStore;
import app.comfydesk.jobs.JobSubmission;
import app.comfydesk.jobs.JobTarget;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16 items 1 and 2: the orders the job table asks the store for, over a real store. */
class JobTableOrderTest {

    private static final JobTarget TARGET = new JobTarget(URI.create("http://127.0.0.1:1"), ApiVersion.V1, "dep",
            "p1");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static JobSubmission submission(String prompt) {
        ObjectNode o = ApiJson.object();
        o.putObject("6").putObject("inputs").put("text", prompt);
        return new JobSubmission(TARGET, SubmitRequest.overrides(o), o, "flux.json", prompt);
    }

    private static List<String> prompts(JobStore store, JobQuery spec, Instant now) {
        return store.listPage(spec.measuredAt(now), 0, 50).stream()
                .map(Job::promptSnippet).toList();
    }

    @Test
    void durationSortsByCreationToEndNotByFinishTime() {
        try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
            // Created one after another, finishing in an order unlike their durations.
            int[] seconds = {5, 2, 4, 6, 8};
            for (int i = 0; i < seconds.length; i++) {
                Instant created = T0.plusSeconds(i * 10L);
                Job job = store.create(submission("took " + seconds[i]), created, null, java.time.Duration.ZERO);
                store.updateStatus(job.id(), JobStatus.SUCCEEDED, null, null, null,
                        created.plusSeconds(seconds[i]));
            }
            // Still running since T0+45: at T0+48 it has run 3 s.
            store.create(submission("running"), T0.plusSeconds(45), null, java.time.Duration.ZERO);
            JobQuery byDuration = JobQuery.all().sortedBy(JobQuery.Sort.DURATION, false);

            assertThat(prompts(store, byDuration, T0.plusSeconds(48)))
                    .containsExactly("took 2", "running", "took 4", "took 5", "took 6", "took 8");
            assertThat(prompts(store, byDuration.sortedBy(JobQuery.Sort.DURATION, true), T0.plusSeconds(100)))
                    .containsExactly("running", "took 8", "took 6", "took 5", "took 4", "took 2");
        }
    }

    @Test
    void jobsKeepTheOrderTheyWereSubmittedInWhateverTheirTimestamps() {
        try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
            // Three jobs of one batch, stored in this order; their submitters' clocks read out of order.
            store.create(submission("#1"), T0.plusMillis(400), null, java.time.Duration.ZERO);
            store.create(submission("#2"), T0.plusMillis(100), null, java.time.Duration.ZERO);
            store.create(submission("#3"), T0.plusMillis(400), null, java.time.Duration.ZERO);
            store.create(submission("#4"), T0.plusMillis(300), null, java.time.Duration.ZERO);

            assertThat(prompts(store, JobQuery.all(), T0)).containsExactly("#4", "#3", "#2", "#1");
            assertThat(prompts(store, JobQuery.all().sortedBy(JobQuery.Sort.CREATED, false), T0))
                    .containsExactly("#1", "#2", "#3", "#4");
            // Same status: newest submission first.
            assertThat(prompts(store, JobQuery.all().sortedBy(JobQuery.Sort.STATUS, false), T0))
                    .containsExactly("#4", "#3", "#2", "#1");
        }
    }
}
