package app.comfydesk;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The text of Help → "Copy diagnostics": what a bug report needs (app, Java, JavaFX and OS versions, memory, folders,
 * settings) and nothing secret. Settings are passed in as plain key/value pairs by the caller; any whose name looks
 * like a credential is masked here as well, so a caller's slip cannot leak a token. No JavaFX: the JavaFX version
 * is read from the system properties the toolkit sets when it starts.
 */
public final class Diagnostics {

    /** Setting names that hold secrets: never printed, whatever the caller passes. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(token|secret|password|passwd|api[-_.]?key|apikey|credential|auth).*");
    static final String MASK = "<redacted>";

    private final Properties system;
    private final Map<String, String> env;
    private final Runtime runtime;
    private final Instant now;
    private final Path logFolder;

    public Diagnostics() {
        this(System.getProperties(), System.getenv(), Runtime.getRuntime(), Instant.now(), LogFolder.current());
    }

    Diagnostics(Properties system, Map<String, String> env, Runtime runtime, Instant now, Path logFolder) {
        this.system = system;
        this.env = env;
        this.runtime = runtime;
        this.now = now;
        this.logFolder = logFolder;
    }

    /** The report; {@code settings} in the caller's order, secrets masked. */
    public String report(Map<String, ?> settings) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("ComfyDesk", appVersion());
        lines.put("Time", DateTimeFormatter.ISO_INSTANT.format(now.atOffset(ZoneOffset.UTC)));
        lines.put("OS", prop("os.name") + " " + prop("os.version") + " (" + prop("os.arch") + ")");
        String desktop = env.getOrDefault("XDG_CURRENT_DESKTOP", "");
        String session = env.getOrDefault("XDG_SESSION_TYPE", "");
        if (!desktop.isEmpty() || !session.isEmpty()) {
            lines.put("Desktop", (desktop + " " + session).trim());
        }
        lines.put("Java", prop("java.runtime.version") + " (" + prop("java.vendor") + ", " + prop("java.vm.name")
                + ")");
        lines.put("Java home", prop("java.home"));
        lines.put("JavaFX", system.getProperty("javafx.runtime.version",
                system.getProperty("javafx.version", "not started")));
        lines.put("Rendering", system.getProperty("prism.order", "default pipeline"));
        lines.put("Locale", Locale.getDefault().toLanguageTag() + ", " + prop("file.encoding"));
        lines.put("CPUs", Integer.toString(runtime.availableProcessors()));
        lines.put("Memory", mib(runtime.totalMemory() - runtime.freeMemory()) + " used of "
                + mib(runtime.maxMemory()) + " max heap");
        lines.put("Uptime", uptime());
        lines.put("COMFYDESK_HOME", env.getOrDefault("COMFYDESK_HOME", "(not set)"));
        lines.put("Log folder", logFolder.toString());

        StringBuilder text = new StringBuilder("ComfyDesk diagnostics\n");
        lines.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
        text.append("\nSettings\n");
        if (settings.isEmpty()) {
            text.append("(none)\n");
        }
        settings.forEach((key, value) -> text.append(key).append(": ").append(safeValue(key, value)).append('\n'));
        return text.toString();
    }

    /** Same as {@link #report(Map)} with the settings sorted by name. */
    public String reportSorted(Map<String, ?> settings) {
        return report(new TreeMap<>(settings));
    }

    static String safeValue(String key, Object value) {
        if (value == null) {
            return "(not set)";
        }
        String text = value.toString();
        if (SECRET_NAME.matcher(key).matches()) {
            return text.isEmpty() ? "(not set)" : MASK;
        }
        return text;
    }

    private static String appVersion() {
        String version = Diagnostics.class.getPackage().getImplementationVersion();
        return version != null ? version : "development build";
    }

    private String uptime() {
        // ProcessHandle rather than the RuntimeMXBean: java.management is not in the runtime image.
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, now))
                .map(uptime -> uptime.toMinutes() + " min " + uptime.toSecondsPart() + " s")
                .orElse("unknown");
    }

    private String prop(String name) {
        return system.getProperty(name, "?");
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
