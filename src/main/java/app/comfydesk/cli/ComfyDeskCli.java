package app.comfydesk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code java -jar comfydesk.jar <command>}. Subcommands are registered here. */
@Command(name = "comfydesk", mixinStandardHelpOptions = true, version = "ComfyDesk", subcommands = SandboxCommand.class,
        description = "Run ComfyUI workflows on RunComfy's Serverless API from the command line.")
public final class ComfyDeskCli {

    /** Runs the command line and returns the process exit code. */
    public static int run(String... args) {
        return new CommandLine(new ComfyDeskCli()).execute(args);
    }
}
