package app.comfydesk.jobs;

import app.comfydesk.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where sqlite-jdbc's native library lives: extracted once into the app's data folder ({@code data/native/}) and
 * loaded from there by every later process, instead of each process unpacking a fresh copy into the system temp
 * folder (a killed process left its 1 MB copy behind for good). Must run before the driver loads; it only sets
 * system properties the driver reads then, and never fails: if anything goes wrong the driver's own way is used,
 * with {@code org.sqlite.tmpdir} still pointing into the data folder.
 */
final class SqliteNative {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteNative.class);
    static final String FOLDER = "native";

    private static boolean prepared;

    private SqliteNative() {
    }

    static synchronized void prepare(Path folder) {
        if (prepared || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        prepared = true;
        try {
            Files.createDirectories(folder);
            if (System.getProperty("org.sqlite.tmpdir") == null) {
                System.setProperty("org.sqlite.tmpdir", folder.toString());
            }
            String os = org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
            String name = System.mapLibraryName("sqlitejdbc");
            if (name.endsWith(".dylib") || name.endsWith(".jnilib")) {
                name = "libsqlitejdbc.dylib";
            }
            String resource = "/org/sqlite/native/" + os + "/" + name;
            byte[] library;
            try (InputStream in = SqliteNative.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return;   // not packaged for this platform: the driver decides (pure-Java or its own search)
                }
                library = in.readAllBytes();
            }
            // One folder per driver version and platform, so an update never loads an old library. Not named
            // "sqlite-...": the driver's clean-up deletes whatever starts so in its tmpdir (this folder's parent).
            Path dir = folder.resolve("jdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion() + "-" + os.replace('/', '-'));
            Path target = dir.resolve(name);
            if (!sameContent(target, library)) {
                AtomicFiles.write(target, library);
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException | LinkageError e) {
            // E.g. a read-only data folder, or another process replacing the file on Windows: the driver's own
            // extraction still works, so this is not the user's problem.
            LOG.debug("Using sqlite-jdbc's own native library extraction: {}", e.toString());
        }
    }

    private static boolean sameContent(Path file, byte[] expected) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == expected.length
                    && Arrays.equals(Files.readAllBytes(file), expected);
        } catch (IOException e) {
            return false;
        }
    }
}
