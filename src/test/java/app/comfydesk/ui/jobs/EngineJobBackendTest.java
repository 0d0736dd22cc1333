package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.comfydesk.jobs.Job;
import app.comfydesk.jobs.JobQuery;
import app.comfydesk.jobs.JobStatus;
import app.comfydesk.jobs.StatusChange;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter over the real engine, store and sandbox: rows, events, actions and what it refuses. */
class EngineJobBackendTest {

    private SandboxMonitorFixture fixture;

    @AfterEach
    void close() throws Exception {
        fixture.engine.close();
        fixture.engine = null;
        fixture.background.close();
        fixture.thumbnails.close();
        fixture.sandbox.close();
        fixture.store.close();
    }

    private void open(Duration queueTime, Duration runTime) throws Exception {
        fixture = new SandboxMonitorFixture(SandboxMonitorFixture.freshHome("backend"), queueTime, runTime);
        fixture.newEngine().start().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eventsBecomeRowsAndDeletingARunningJobExplainsThe409() throws Exception {
        open(Duration.ZERO, Duration.ofSeconds(3));
        List<JobRow> seen = new CopyOnWriteArrayList<>();
        fixture.backend.addListener(seen::add);
        Job job = fixture.submit("a quiet harbour", 1);
        waitUntil(() -> seen.stream().anyMatch(row -> row.id() == job.id() && row.phase() == JobStatus.RUNNING));
        JobRow running = fixture.backend.page(JobQuery.all(), 0, 10).get(0);
        assertThat(running.phase()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.startedAt()).isNotNull();
        assertThat(running.prompt()).isEqualTo("a quiet harbour");

        assertThatThrownBy(() -> fixture.backend.deleteRemote(job.id()).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .hasMessageContaining("409 Conflict").hasMessageContaining("Cancel it first");

        assertThat(fixture.backend.cancel(job.id()).get(10, TimeUnit.SECONDS)).contains("#" + job.id());
        waitUntil(() -> fixture.store.find(job.id()).orElseThrow().status() == JobStatus.CANCELLED);
        assertThat(fixture.backend.count(JobQuery.all().withStatuses(EnumSet.of(JobStatus.CANCELLED))))
                .isEqualTo(1);
        JobDetails details = fixture.backend.details(job.id()).orElseThrow();
        assertThat(details.history()).extracting(StatusChange::status)
                .contains(JobStatus.SUBMITTING, JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.CANCELLED);
        assertThat(details.edits().at("/6/inputs/text").asText()).isEqualTo("a quiet harbour");
        assertThat(details.rawJson()).contains("\"request_id\"").doesNotContain(fixture.sandbox.token() + "\"");
    }

    @Test
    void reRunsSendTheSameEditsAndRefuseWhenAnImageWasNotKept() throws Exception {
        open(Duration.ZERO, Duration.ZERO);
        Job first = fixture.submit("same edits again", 42);
        waitUntil(() -> fixture.store.find(first.id()).orElseThrow().status() == JobStatus.SUCCEEDED);

        long again = fixture.backend.rerun(first.id()).get(10, TimeUnit.SECONDS);
        Job second = fixture.store.find(again).orElseThrow();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.request()).isEqualTo(first.request());
        assertThat(fixture.backend.recentOutputs(10)).extracting(item -> item.jobId()).contains(first.id());

        // A data: URI over 64 KiB is abbreviated in the store, so the job cannot be sent again as it was.
        ObjectNode overrides = JsonNodeFactory.instance.objectNode();
        overrides.putObject("6").putObject("inputs").put("text", "data:image/png;base64," + "A".repeat(70_000));
        Job withImage = fixture.submit(overrides, "big inline image");
        assertThatThrownBy(() -> fixture.backend.rerun(withImage.id()).get(10, TimeUnit.SECONDS))
                .cause().hasMessageContaining("too large to keep");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
