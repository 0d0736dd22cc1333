package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupProbeTest {

    @Test
    void theFlagIsRecognisedWithAndWithoutASettleTime() {
        assertThat(StartupProbe.settleMillis(List.of())).isEmpty();
        assertThat(StartupProbe.settleMillis(List.of("--theme=dark"))).isEmpty();
        assertThat(StartupProbe.settleMillis(List.of("--exit-after-first-frame"))).contains(0L);
        assertThat(StartupProbe.settleMillis(List.of("x", "--exit-after-first-frame=2500"))).contains(2500L);
    }

    @Test
    void processAgeIsTheTimeSinceBootLessTheStartTickOfTheProcess() {
        // starttime (field 22) is 1000 ticks of 10 ms; the command name holds spaces and parentheses.
        String stat = "4242 (my (odd) app) S " + "1 ".repeat(18) + "1000 " + "0 ".repeat(10) + "\n";
        assertThat(StartupProbe.millisSinceStart("12.34 50.00\n", stat)).isEqualTo(2340);
        // As the uptime moves on 50 ms, so does the age (no sleep needed to see the probe follow time).
        assertThat(StartupProbe.millisSinceStart("12.39 50.10\n", stat)).isEqualTo(2390);
    }

    @Test
    void processAgeAndResidentMemoryComeFromProc() {
        assumeThat(Files.exists(Path.of("/proc/self/stat"))).isTrue();
        long age = StartupProbe.millisSinceProcessStart();
        assertThat(StartupProbe.millisSinceProcessStart()).isGreaterThanOrEqualTo(age);
        assertThat(age).isPositive().isLessThan(3_600_000);
        assertThat(StartupProbe.residentKilobytes()).isGreaterThan(10_000);
    }
}
