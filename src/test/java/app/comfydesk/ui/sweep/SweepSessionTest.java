package app.comfydesk.ui.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.api.ApiEndpoint;
import app.comfydesk.api.ApiException;
import app.comfydesk.api.SubmitRequest;
import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobEvent;
import app.comfydesk.jobs.JobListener;
import app.comfydesk.jobs.JobMode;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.JobSubmission;
import app.comfydesk.jobs.JobTarget;
import app.comfydesk.workflow.InputRef;
import app.comfydesk.workflow.WorkflowEdit;
import app.comfydesk.workflow.WorkflowReader;
import app.comfydesk.workflow.variations.Sweep;
import app.comfydesk.workflow.variations.SweepAxis;
import app.comfydesk.workflow.variations.Wildcards;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The session's bookkeeping, driven by hand: the limit, groups for accepted and refused jobs, cancel as a whole. */
class SweepSessionTest {

    /** Jobs whose submissions and ends the test completes itself. */
    private static final class ScriptedJobs implements SweepJobs {
        final List<CompletableFuture<Job>> submits = new ArrayList<>();
        final List<JobListener> listeners = new ArrayList<>();
        final List<JobSubmission> sent = new ArrayList<>();
        final List<Long> cancelled = new ArrayList<>();

        @Override
        public CompletableFuture<Job> submit(JobSubmission submission) {
            CompletableFuture<Job> future = new CompletableFuture<>();
            sent.add(submission);
            submits.add(future);
            return future;
        }

        @Override
        public CompletableFuture<?> cancel(long jobId) {
            cancelled.add(jobId);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void addListener(JobListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(JobListener listener) {
            listeners.remove(listener);
        }

        @Override
        public List<Duration> recentDurations(String deploymentId, int limit) {
            return List.of();
        }

        void publish(JobEvent event) {
            List.copyOf(listeners).forEach(l -> l.onJobEvent(event));
        }
    }

    private static Job job(long id, JobStatus status) {
        JobTarget target = JobTarget.commandLine(ApiEndpoint.of("http://127.0.0.1:1", app.comfydesk.api.ApiVersion.V1, "d-1"));
        return new Job(id, "r-" + id, target, JobMode.OVERRIDES, "{}", null, "w.json", null, status, null, null, null,
                status == JobStatus.FAILED ? "it broke" : null, Instant.EPOCH, Instant.EPOCH, null, null, List.of(),
                List.of());
    }

    private static SweepPlan plan() throws Exception {
        WorkflowEdit base = new WorkflowEdit(new WorkflowReader().read(java.nio.file.Path.of(
                "assets/workflows/sample-txt2img.json")).workflow(), app.comfydesk.workflow.NodeSchemas.builtIn());
        Sweep sweep = new Sweep(List.of(SweepAxis.parse(base, new InputRef("3", "cfg"), "4,6", Wildcards.none()),
                SweepAxis.parse(base, new InputRef("3", "steps"), "10,20", Wildcards.none())), 1);
        JobTarget target = JobTarget.commandLine(ApiEndpoint.of("http://127.0.0.1:1", app.comfydesk.api.ApiVersion.V1, "d-1"));
        return SweepPlan.plan("g-1", sweep, base, Map.of(), 1, Wildcards.none(),
                edit -> new JobSubmission(target, SubmitRequest.overrides(edit.overrides()), edit.overrides(),
                        "w.json", null), "w.json");
    }

    @Test
    void sendsWithinTheLimitGroupsEveryJobAndCancelsAsAWhole() throws Exception {
        ScriptedJobs jobs = new ScriptedJobs();
        List<CellUpdate> updates = new ArrayList<>();
        SweepSession session = new SweepSession(plan(), jobs, 2, updates::add);
        CompletableFuture<Void> all = session.start();
        assertThat(jobs.submits).hasSize(2);

        // Each job is created in the group: the submission carries it, so the store writes both in one insert.
        assertThat(jobs.sent.get(0).group().groupId()).isEqualTo("g-1");
        assertThat(jobs.sent.get(0).group().json()).contains("\"group\":\"g-1\"").contains("\"x\":0");
        jobs.submits.get(0).complete(job(10, JobStatus.QUEUED));
        ApiException refused = new ApiException(400, null, "refused", null, null);
        jobs.publish(new JobEvent.SubmitFailed(job(11, JobStatus.FAILED), refused));
        jobs.submits.get(1).completeExceptionally(refused);
        // The refused job was created in the group too, and its end freed a slot.
        assertThat(jobs.sent.get(1).group().groupId()).isEqualTo("g-1");
        assertThat(updates).anySatisfy(u -> assertThat(u.phase()).isEqualTo(CellPhase.FAILED));
        assertThat(jobs.submits).hasSize(3);

        session.cancel();
        assertThat(jobs.cancelled).containsExactly(10L);
        assertThat(updates).filteredOn(u -> u.index() == 3).last()
                .satisfies(u -> assertThat(u.phase()).isEqualTo(CellPhase.CANCELLED));
        // The third was on its way: once accepted it is cancelled too.
        jobs.submits.get(2).complete(job(12, JobStatus.QUEUED));
        assertThat(jobs.cancelled).containsExactly(10L, 12L);
        assertThat(all).isNotDone();
        jobs.publish(new JobEvent.StatusChanged(job(10, JobStatus.CANCELLED), JobStatus.QUEUED));
        jobs.publish(new JobEvent.StatusChanged(job(12, JobStatus.CANCELLED), JobStatus.QUEUED));
        assertThat(all).isCompleted();
        assertThat(jobs.submits).hasSize(3);
        assertThat(jobs.listeners).isEmpty();
    }

    @Test
    void theEstimateIsTheMedianTimesTheRounds() {
        assertThat(SweepEstimate.describe(9, 3, List.of(Duration.ofSeconds(4), Duration.ofSeconds(10),
                Duration.ofSeconds(6)), "d-1")).startsWith("about 18 s (median run 6 s over the last 3 runs on d-1");
        assertThat(SweepEstimate.describe(9, 3, List.of(), "d-1")).contains("no finished runs on d-1");
    }

    @Test
    void optionsThatWouldReadAsSomethingElseAreQuoted() {
        assertThat(SweepAxisModel.listItem("euler")).isEqualTo("euler");
        assertThat(SweepAxisModel.listItem("a,b")).isEqualTo("\"a,b\"");
        assertThat(SweepAxisModel.listItem("1.5")).isEqualTo("\"1.5\"");
    }
}
