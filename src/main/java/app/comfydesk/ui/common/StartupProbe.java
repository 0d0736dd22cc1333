package app.comfydesk.ui.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.stage.Stage;

/**
 * Start-up measurement behind the {@value #FLAG} flag: prints the wall time from process start to the first frame,
 * then exits. {@code packaging/startup-bench.sh} runs the app and a bare one-label window this way side by side,
 * and the CDS training run of {@code packaging/build.sh} uses it to stop once the window is up.
 *
 * <p>"First frame" as {@link FirstFrame} defines it (the frame is on screen). The optional value of the
 * flag ({@code --exit-after-first-frame=3000}) keeps the app running that many milliseconds after the first frame
 * so that work which fills the window in after it appears is counted in the resident memory figure.
 *
 * <p>Output, one line each on standard output: {@code first-frame-ms=<n> rss-kb=<n>}, {@code <name>-ms=<n>} for
 * each {@link #milestone} drawn before the exit and, after a settle time, {@code settled-rss-kb=<n>}. Resident
 * memory comes from {@code /proc/self/status} and is -1 where there is none.
 */
public final class StartupProbe {

    public static final String FLAG = "--exit-after-first-frame";

    /** USER_HZ, the unit of /proc tick counts: 100 on every Linux architecture. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** Set once a stage carries the probe: {@link #mark} prints only then. */
    private static volatile boolean attached;

    private StartupProbe() {
    }

    /**
     * When the probe is attached: prints {@code <name>-at-ms=<n>}, the time from process start to now, from any
     * thread. For the steps between the first frame and the workflow (services read, studio built, engine and
     * sandbox up), so a start-up profile needs no profiler.
     */
    public static void mark(String name) {
        if (attached) {
            System.out.println(name + "-at-ms=" + millisSinceProcessStart());
            System.out.flush();
        }
    }

    /**
     * The one-line hook for {@code Application.start}: call it before {@code stage.show()} with
     * {@code getParameters().getRaw()}. Does nothing unless the flag is among the arguments.
     */
    public static void attachIfRequested(Stage stage, List<String> rawArgs) {
        settleMillis(rawArgs).ifPresent(settle -> {
            stage.getProperties().put(StartupProbe.class, Boolean.TRUE);
            attached = true;
            FirstFrame.then(stage, () -> report(settle));
        });
    }

    /**
     * When the probe is attached to {@code stage}: prints {@code <name>-ms=<n>}, the time from process start to the
     * next frame, so the bench can show how long the window takes to fill in after its first frame. (The app exits
     * at the first frame unless the flag gives a settle time.) Call on the FX thread.
     */
    public static void milestone(Stage stage, String name) {
        if (stage.getProperties().containsKey(StartupProbe.class)) {
            FirstFrame.then(stage, () -> {
                System.out.println(name + "-ms=" + millisSinceProcessStart());
                System.out.flush();
            });
        }
    }

    /** The settle time asked for, or empty when the flag is absent. */
    static Optional<Long> settleMillis(List<String> rawArgs) {
        for (String arg : rawArgs) {
            if (arg.equals(FLAG)) {
                return Optional.of(0L);
            }
            if (arg.startsWith(FLAG + "=")) {
                return Optional.of(Long.parseLong(arg.substring(FLAG.length() + 1)));
            }
        }
        return Optional.empty();
    }

    private static void report(long settle) {
        long elapsed = millisSinceProcessStart();
        System.out.println("first-frame-ms=" + elapsed + " rss-kb=" + residentKilobytes());
        System.out.flush();
        // Exit from a plain thread: System.exit on the FX thread can deadlock with shutdown hooks that use FX.
        Thread exit = new Thread(() -> {
            try {
                if (settle > 0) {
                    Thread.sleep(settle);
                    System.out.println("settled-rss-kb=" + residentKilobytes());
                    System.out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(0);
        }, "startup-probe-exit");
        exit.setDaemon(true);
        exit.start();
    }

    /**
     * On Linux from /proc: the process's start tick against the time since boot, both exact to 10 ms.
     * {@code ProcessHandle.info().startInstant()} is not good enough there: it adds the tick to a boot time that
     * /proc/stat gives in whole seconds, an error of up to a second. Elsewhere it is what there is.
     */
    static long millisSinceProcessStart() {
        try {
            double secondsSinceBoot = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split("\\s+")[0]);
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name, which is in parentheses and may contain spaces; starttime is field 22.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
            long startTicks = Long.parseLong(fields[19]);
            return Math.round(secondsSinceBoot * 1000) - startTicks * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException notLinux) {
            Instant start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
            return Duration.between(start, Instant.now()).toMillis();
        }
    }

    /** VmRSS of this process in kilobytes, or -1 where /proc is not available. */
    static long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
