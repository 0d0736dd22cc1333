package app.comfydesk.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --give-up-after}: how long commands that follow jobs wait while a job's server cannot be reached. */
final class GiveUpOption {

    @Option(names = "--give-up-after", paramLabel = "DURATION", defaultValue = "5m",
            converter = SandboxCommand.DurationConverter.class,
            description = "Stop waiting (exit 4) after the server could not be reached, or kept refusing, this long "
                    + "without a break, e.g. 90s, 10m (default: ${DEFAULT-VALUE}); the job itself is kept")
    Duration giveUpAfter;
}
