package app.comfydesk.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where ComfyDesk keeps its files. {@code COMFYDESK_HOME} (environment) or {@code comfydesk.home} (system property)
 * puts everything under one root ({@code data}, {@code config}, {@code logs}, {@code outputs}); otherwise the
 * platform's usual places are used (Windows %APPDATA%/%LOCALAPPDATA%, macOS ~/Library, Linux XDG folders).
 */
public record AppDirectories(Path data, Path config, Path logs, Path outputs) {

    public static final String HOME_VARIABLE = "COMFYDESK_HOME";
    private static final String APP = "ComfyDesk";

    /** Everything under one root, as with {@code COMFYDESK_HOME}. */
    public static AppDirectories under(Path root) {
        Path r = root.toAbsolutePath().normalize();
        return new AppDirectories(r.resolve("data"), r.resolve("config"), r.resolve("logs"), r.resolve("outputs"));
    }

    /** The folders for this process: override first, then the platform's conventions. */
    public static AppDirectories detect() {
        return detect(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")),
                System.getProperty("comfydesk.home"));
    }

    static AppDirectories detect(Map<String, String> env, String osName, Path home, String homeProperty) {
        if (homeProperty != null && !homeProperty.isBlank()) {
            return under(Path.of(homeProperty));
        }
        String override = env.get(HOME_VARIABLE);
        if (override != null && !override.isBlank()) {
            return under(Path.of(override));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path pictures = home.resolve("Pictures").resolve(APP);
        if (os.contains("win")) {
            Path roaming = pathOr(env.get("APPDATA"), home.resolve("AppData").resolve("Roaming")).resolve(APP);
            Path local = pathOr(env.get("LOCALAPPDATA"), home.resolve("AppData").resolve("Local")).resolve(APP);
            return new AppDirectories(local.resolve("data"), roaming, local.resolve("logs"), pictures);
        }
        if (os.contains("mac") || os.contains("darwin")) {
            Path support = home.resolve("Library").resolve("Application Support").resolve(APP);
            return new AppDirectories(support, support.resolve("config"), home.resolve("Library").resolve("Logs")
                    .resolve(APP), pictures);
        }
        Path data = pathOr(env.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share")).resolve("comfydesk");
        Path config = pathOr(env.get("XDG_CONFIG_HOME"), home.resolve(".config")).resolve("comfydesk");
        Path state = pathOr(env.get("XDG_STATE_HOME"), home.resolve(".local").resolve("state")).resolve("comfydesk");
        return new AppDirectories(data, config, state.resolve("logs"), pictures);
    }

    private static Path pathOr(String value, Path fallback) {
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }

    /** The job database. */
    public Path databaseFile() {
        return data.resolve("jobs.db");
    }

    /**
     * Creates the folders that do not exist yet and returns this.
     *
     * @throws UnusableFolderException (an {@link UncheckedIOException}) whose message is one sentence for the user
     */
    public AppDirectories ensureCreated() {
        for (Path p : new Path[] {data, config, logs, outputs}) {
            try {
                Files.createDirectories(p);
            } catch (IOException e) {
                throw new UnusableFolderException("Cannot create the folder " + p + " ("
                        + OutputPaths.whyNotWritable(e) + "); make it writable or set " + HOME_VARIABLE
                        + " to a folder you can write to", e);
            }
        }
        return this;
    }

    /** A ComfyDesk folder cannot be created or written; the message says which and what to do. */
    public static final class UnusableFolderException extends UncheckedIOException {
        public UnusableFolderException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
