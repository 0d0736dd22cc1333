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
    void processAgeAndResidentMemoryComeFromProc() throws Exception {
        assumeThat(Files.exists(Path.of("/proc/self/stat"))).isTrue();
        long age = StartupProbe.millisSinceProcessStart();
        Thread.sleep(50);
        assertThat(StartupProbe.millisSinceProcessStart()).isGreaterThanOrEqualTo(age + 40);
        assertThat(age).isPositive().isLessThan(3_600_000);
        assertThat(StartupProbe.residentKilobytes()).isGreaterThan(10_000);
    }
}
