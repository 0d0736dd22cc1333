package app.comfydesk.jobs;

import static app.comfydesk.jobs.JobStoreTest.submission;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep groups fold to one row each in the store's search rule, so counts and pages agree at any offset. */
class JobGroupsTest {

    @TempDir
    Path dir;

    @Test
    void groupsFoldToTheirHeadAndPagesStayWhole() {
        try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            // 600 jobs: every third in one of 8 sweeps of 25 planned jobs (interleaved, as sweeps run beside
            // single jobs), the rest alone.
            List<Long> grouped = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String group = i % 3 == 0 ? "sweep-" + (i / 3) % 8 : null;
                JobSubmission submission = group == null ? submission("job " + i) : submission("job " + i).withGroup(
                        new JobGroupTag(group, "{\"group\":\"" + group + "\",\"kind\":\"sweep\",\"jobs\":25}"));
                Job job = store.create(submission, t0.plusSeconds(i), null, java.time.Duration.ZERO);
                if (group != null) {
                    grouped.add(job.id());
                    if (i % 9 == 0) {
                        store.updateStatus(job.id(), (i / 72) % 2 == 0 ? JobStatus.SUCCEEDED : JobStatus.FAILED, null,
                                null, null, t0.plusSeconds(i));
                    }
                }
            }
            JobQuery folded = JobQuery.all().withGroups(JobGroupFold.FOLDED);
            assertThat(store.count(folded)).isEqualTo(400 + 8);
            // Every page, at every offset, holds distinct rows, and all of them add up to the count.
            Set<Long> seen = new HashSet<>();
            for (int offset = 0; offset < 408; offset += 100) {
                for (Job job : store.listPage(folded, offset, 100)) {
                    assertThat(seen.add(job.id())).as("job %d on one page only", job.id()).isTrue();
                }
            }
            assertThat(seen).hasSize(408);
            JobGroups groups = new JobGroups(store);
            Map<String, Long> heads = groups.heads(List.of("sweep-0", "sweep-3"));
            assertThat(seen).containsAll(heads.values()).doesNotContain(grouped.get(8));
            assertThat(heads.get("sweep-0")).isEqualTo(grouped.get(0));

            // Expanding one group shows its 25 jobs; filters still apply as they do to single jobs.
            JobQuery expanded = JobQuery.all().withGroups(JobGroupFold.FOLDED.toggled("sweep-0"));
            assertThat(store.count(expanded)).isEqualTo(400 + 8 + 24);
            assertThat(store.count(expanded.withGroups(expanded.groups().toggled("sweep-0")))).isEqualTo(408);
            assertThat(store.count(JobQuery.all())).isEqualTo(600);

            JobGroupProgress p = groups.progress(List.of("sweep-0")).get("sweep-0");
            List<JobGroupMember> members = store.groupMembers("sweep-0");
            long ended = members.stream().filter(m -> m.status().isTerminal()).count();
            long failed = members.stream().filter(m -> m.status() == JobStatus.FAILED).count();
            assertThat(p.planned()).isEqualTo(25);
            assertThat(p.stored()).isEqualTo(25);
            assertThat(p.ended()).isEqualTo((int) ended).isPositive();
            assertThat(p.failed()).isEqualTo((int) failed).isPositive();
            assertThat(p.text()).isEqualTo(ended + " / 25 · " + failed + " failed");
            assertThat(groups.unfinishedMembers("sweep-0")).hasSize((int) (25 - ended));
            assertThat(groups.groupsOf(List.of(grouped.get(1), grouped.get(1) + 1)))
                    .containsOnlyKeys(grouped.get(1));
        }
    }
}
