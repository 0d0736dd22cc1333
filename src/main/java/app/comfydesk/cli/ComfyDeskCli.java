package app.comfydesk.cli;

import app.comfydesk.jobs.AppDirectories;
import app.comfydesk.jobs.JobStoreException;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code java -jar comfydesk.jar <command>}. Expected failures print one message on stderr (never
 * a stack trace) and exit 2 (invalid input) or 4 (API or network error); see {@link ExitCodes}.
 */
@Command(name = "comfydesk", mixinStandardHelpOptions = true, versionProvider = ComfyDeskCli.Version.class,
        description = "Run ComfyUI workflows on RunComfy's Serverless API from the command line.",
        footer = {"", "The API token is read from the environment variable RUNCOMFY_TOKEN, the Comfy Org key (for API",
            "nodes) from COMFY_ORG_API_KEY. Without a command, comfydesk opens the window."})
public final class ComfyDeskCli {

    /** The jar's version (from its manifest), or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ComfyDeskCli.class.getPackage().getImplementationVersion();
            return new String[] {"ComfyDesk " + (v == null ? "(development build)" : v)};
        }
    }

    /** Every subcommand, one line each (the sandbox command is added here too). */
    static List<Object> subcommands(CliContext context) {
        return List.of(
                new RunCommand(context),
                new RequestCommands.Status(context),
                new RequestCommands.Result(context),
                new RequestCommands.Cancel(context),
                new RequestCommands.Delete(context),
                new JobsCommand(context),
                new DeploymentCommands.ListCommand(context),
                new DeploymentCommands.ShowCommand(context),
                new DeploymentCommands.BalanceCommand(context),
                new SandboxCommand());
    }

    /** Runs the command line and returns the process exit code. */
    public static int run(String... args) {
        return execute(CliContext.system(), new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                args);
    }

    static int execute(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(context);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine(CliContext context) {
        CommandLine cli = new CommandLine(new ComfyDeskCli());
        for (Object sub : subcommands(context)) {
            cli.addSubcommand(sub);
        }
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof CliFailure failure) {
                err.println("error: " + failure.getMessage());
                err.flush();
                return failure.exitCode();
            }
            if (ex instanceof AppDirectories.UnusableFolderException) {
                err.println("error: " + ex.getMessage());
                err.flush();
                return ExitCodes.INVALID_INPUT;
            }
            if (ex instanceof JobStoreException) {
                err.println("error: " + ex.getMessage());
                err.flush();
                return ExitCodes.API_ERROR;
            }
            LoggerFactory.getLogger(ComfyDeskCli.class).error("Unexpected failure", ex);
            err.println("error: an unexpected problem occurred" + (ex.getMessage() == null ? ""
                    : ": " + ex.getMessage()) + " (details are in the log)");
            err.flush();
            return ExitCodes.API_ERROR;
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("Usage: see `comfydesk " + (ex.getCommandLine() == cli ? "" : ex.getCommandLine()
                    .getCommandName() + " ") + "--help`");
            err.flush();
            return ExitCodes.INVALID_INPUT;
        });
        return cli;
    }
}
