package app.comfydesk.jobs;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns names a server sent (request id, subfolder, filename) into paths that cannot leave their folder: no
 * {@code ..}, no absolute paths or drive letters, no device names (CON, NUL, COM1, ...), no control or reserved
 * characters, bounded length; a collision gets a {@code _1}, {@code _2}... suffix.
 */
public final class OutputPaths {

    private static final Pattern RESERVED = Pattern.compile("[<>:\"/\\\\|?*\\p{Cntrl}\\u0080-\\u009f]");
    private static final Pattern DEVICE = Pattern.compile(
            "(?i)(con|prn|aux|nul|com[0-9\\u00b9\\u00b2\\u00b3]|lpt[0-9\\u00b9\\u00b2\\u00b3]|conin\\$|conout\\$)");
    private static final int MAX_SEGMENT = 120;

    private OutputPaths() {
    }

    /** One safe path segment, or null when nothing usable is left. */
    public static String segment(String raw) {
        if (raw == null) {
            return null;
        }
        String s = RESERVED.matcher(raw).replaceAll("_").strip();
        while (s.endsWith(".") || s.endsWith(" ")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.chars().allMatch(c -> c == '.' || c == '_')) {
            return null;
        }
        int dot = s.indexOf('.');
        String stem = dot < 0 ? s : s.substring(0, dot);
        if (DEVICE.matcher(stem.strip()).matches()) {
            s = "_" + s;
        }
        if (s.length() > MAX_SEGMENT) {
            int ext = s.lastIndexOf('.');
            String suffix = ext > 0 && s.length() - ext <= 16 ? s.substring(ext) : "";
            s = s.substring(0, MAX_SEGMENT - suffix.length()) + suffix;
        }
        return s;
    }

    /** The folder of one request: {@code root/<safe request id>}. */
    public static Path requestFolder(Path root, String requestId) {
        String seg = segment(requestId);
        return root.resolve(seg == null ? "request" : seg).normalize();
    }

    /**
     * Plans where an output is saved inside {@code folder}: {@code subfolder} segments and the file name made safe
     * (falling back to the URL's last segment, then {@code output-<n>}), avoiding {@code taken} (case-insensitive)
     * and files already on disk. Adds the chosen path to {@code taken}.
     */
    public static Path plan(Path folder, String subfolder, String filename, String url, int index, Set<String> taken) {
        Path base = folder.toAbsolutePath().normalize();
        List<String> parts = new ArrayList<>();
        if (subfolder != null) {
            for (String raw : subfolder.split("[/\\\\]+")) {
                String seg = raw.equals("..") || raw.equals(".") ? null : segment(raw);
                if (seg != null) {
                    parts.add(seg);
                }
            }
        }
        String name = leaf(filename);
        if (name == null) {
            name = leaf(urlLeaf(url));
        }
        if (name == null) {
            name = "output-" + (index + 1);
        }
        Path dir = base;
        for (String p : parts) {
            dir = dir.resolve(p);
        }
        Path candidate = dir.resolve(name).normalize();
        if (!candidate.startsWith(base) || candidate.equals(base)) {
            candidate = base.resolve("output-" + (index + 1));
        }
        String stem = candidate.getFileName().toString();
        String ext = "";
        int dot = stem.lastIndexOf('.');
        if (dot > 0) {
            ext = stem.substring(dot);
            stem = stem.substring(0, dot);
        }
        Path chosen = candidate;
        for (int n = 1; taken.contains(key(chosen)) || Files.exists(chosen); n++) {
            chosen = candidate.resolveSibling(stem + "_" + n + ext);
        }
        taken.add(key(chosen));
        return chosen;
    }

    private static String leaf(String filename) {
        if (filename == null) {
            return null;
        }
        // A file name is one segment: keep only what follows the last separator.
        String[] pieces = filename.split("[/\\\\]+");
        String last = pieces.length == 0 ? null : pieces[pieces.length - 1];
        return last == null || last.equals("..") || last.equals(".") ? null : segment(last);
    }

    private static String urlLeaf(String url) {
        try {
            String path = URI.create(url).getPath();
            return path == null ? null : path.substring(path.lastIndexOf('/') + 1);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String key(Path p) {
        return p.toString().toLowerCase(Locale.ROOT);
    }

    /** The file system's reason in words, e.g. "permission denied", "no space left on device". */
    public static String whyNotWritable(Throwable e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException || e instanceof java.nio.file.NotDirectoryException
                || e instanceof java.nio.file.FileSystemException fs && "Not a directory".equals(fs.getReason())) {
            return "a file is in the way where a folder is needed";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the folder does not exist";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String m = e == null ? null : e.getMessage();
        return m == null || m.isBlank() ? "the file system refused" : m;
    }
}
