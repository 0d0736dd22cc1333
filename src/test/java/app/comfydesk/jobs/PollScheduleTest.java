package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private final PollSchedule schedule = PollSchedule.defaults();

    @Test
    void fastRightAfterSubmit() {
        assertThat(schedule.next(Duration.ofSeconds(2), true, 40)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.next(Duration.ofSeconds(2), false, null)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void steadyWhileRunningSlowerDeepInTheQueueAndCapped() {
        Duration age = Duration.ofMinutes(1);
        assertThat(schedule.next(age, false, null)).isEqualTo(Duration.ofMillis(2200));
        assertThat(schedule.next(age, true, 0)).isEqualTo(Duration.ofMillis(2200));
        assertThat(schedule.next(age, true, 4)).isEqualTo(Duration.ofMillis(3200));
        assertThat(schedule.next(age, true, 10_000)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void offlineBackoffDoublesUpToTheCap() {
        assertThat(schedule.offline(1)).isEqualTo(Duration.ofMillis(2200));
        assertThat(schedule.offline(2)).isEqualTo(Duration.ofMillis(4400));
        assertThat(schedule.offline(50)).isEqualTo(Duration.ofSeconds(60));
    }
}
