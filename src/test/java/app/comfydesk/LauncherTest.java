package app.comfydesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void helpAndVersionGoToTheCommandLineAndWindowFlagsToTheWindow() {
        for (String cli : new String[] {"--help", "-h", "--version", "-V", "run", "jobs", "bogus"}) {
            assertThat(Launcher.isCommandLine(new String[] {cli})).as(cli).isTrue();
        }
        assertThat(Launcher.isCommandLine(new String[0])).isFalse();
        assertThat(Launcher.isCommandLine(new String[] {"--exit-after-first-frame"})).isFalse();
        assertThat(Launcher.isCommandLine(new String[] {"--exit-after-first-frame=500"})).isFalse();
    }
}
