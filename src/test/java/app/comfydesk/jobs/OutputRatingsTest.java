package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputRatingsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private static JobOutput output(int index, Path folder, OutputState state) {
        return new JobOutput(index, "9", "images", "http://127.0.0.1:1/o" + index + ".png", "o" + index + ".png", "",
                folder.resolve("o" + index + ".png"), state == OutputState.SAVED ? 10 : 0, state, null);
    }

    @Test
    void starsAndPicksAreStoredPerOutputAndSurviveTheDownloadFinishing() {
        try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
            OutputRatings ratings = new OutputRatings(store);
            Job job = store.create(JobStoreTest.submission("a fox"), NOW, null, java.time.Duration.ZERO);
            store.saveOutputs(job.id(), List.of(output(0, dir, OutputState.SAVED), output(1, dir,
                    OutputState.PENDING)));

            assertThat(ratings.rate(job.id(), 0, 4)).isTrue();
            assertThat(ratings.pick(job.id(), 1, -1)).isTrue();
            assertThat(ratings.rate(job.id(), 7, 3)).as("no such output").isFalse();
            // The downloader still holds the output as it was before the rating, and writes it back when saved.
            store.updateOutput(job.id(), output(1, dir, OutputState.SAVED));
            store.saveOutputs(job.id(), List.of(output(0, dir, OutputState.SAVED), output(1, dir,
                    OutputState.SAVED)));

            List<JobOutput> outputs = store.find(job.id()).orElseThrow().outputs();
            assertThat(outputs).extracting(JobOutput::mark)
                    .containsExactly(new OutputMark(4, 0), new OutputMark(0, -1));
        }
    }

    @Test
    void theJobQueryAndShowPicksFollowOneRule() {
        try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
            OutputRatings ratings = new OutputRatings(store);
            Job plain = store.create(JobStoreTest.submission("plain"), NOW, null, java.time.Duration.ZERO);
            Job starred = store.create(JobStoreTest.submission("starred"), NOW, null, java.time.Duration.ZERO);
            Job picked = store.create(JobStoreTest.submission("picked"), NOW, null, java.time.Duration.ZERO);
            for (Job job : List.of(plain, starred, picked)) {
                store.saveOutputs(job.id(), List.of(output(0, dir.resolve("j" + job.id()), OutputState.SAVED),
                        output(1, dir.resolve("j" + job.id()), OutputState.SAVED)));
            }
            ratings.rate(starred.id(), 1, 3);
            ratings.pick(picked.id(), 0, 1);
            ratings.rate(picked.id(), 1, 5);
            ratings.pick(picked.id(), 1, -1);

            assertThat(ids(store, RatingFilter.ANY)).containsExactly(picked.id(), starred.id(), plain.id());
            assertThat(ids(store, RatingFilter.atLeast(3))).containsExactly(starred.id());
            assertThat(ids(store, RatingFilter.PICKS)).containsExactly(picked.id());
            assertThat(store.count(JobQuery.all().withRating(RatingFilter.atLeast(1)))).isEqualTo(1);

            assertThat(ratings.find(RatingFilter.PICKS, 100)).singleElement().satisfies(found -> {
                assertThat(found.jobId()).isEqualTo(picked.id());
                assertThat(found.index()).isZero();
                assertThat(found.mark()).isEqualTo(new OutputMark(0, 1));
            });
            assertThat(ratings.find(RatingFilter.atLeast(3), 100)).extracting(OutputRatings.RatedOutput::jobId)
                    .containsExactly(starred.id());

            // The same rule in Java agrees with the SQL on every stored mark.
            for (Job job : store.listPage(JobQuery.all(), 0, 10)) {
                for (RatingFilter filter : List.of(RatingFilter.ANY, RatingFilter.PICKS, RatingFilter.atLeast(3))) {
                    assertThat(filter.acceptsAny(job.outputs().stream().map(JobOutput::mark).toList()))
                            .isEqualTo(ids(store, filter).contains(job.id()));
                }
            }
        }
    }

    @Test
    void theSeedIsStoredAsTextOverTheWholeUnsignedRange() {
        try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
            Job job = store.create(JobStoreTest.submission("seeded").withSeed("18446744073709551615"), NOW, null, java.time.Duration.ZERO);
            assertThat(job.seed()).isEqualTo("18446744073709551615");
            assertThat(store.listPage(JobQuery.all(), 0, 1).get(0).seed()).isEqualTo("18446744073709551615");
            assertThat(store.create(JobStoreTest.submission("no seed"), NOW, null, java.time.Duration.ZERO).seed()).isNull();
        }
    }

    @Test
    void marksOutOfRangeAreRefusedWithTheirLimits() {
        assertThatThrownBy(() -> new OutputMark(6, 0)).hasMessageContaining("0 to 5 stars");
        assertThatThrownBy(() -> new OutputMark(0, 2)).hasMessageContaining("1 (pick), -1 (reject) or 0");
    }

    private static List<Long> ids(JobStore store, RatingFilter filter) {
        return store.listPage(JobQuery.all().withRating(filter), 0, 10).stream().map(Job::id).toList();
    }
}
