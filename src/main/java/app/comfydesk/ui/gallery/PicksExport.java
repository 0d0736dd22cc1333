package app.comfydesk.ui.gallery;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Copies outputs into a folder the user chose, in one step: each file under a name made from its job and its own
 * name (characters a file system may refuse replaced, length bounded), never over an existing file ("name (2).png"
 * instead), with progress after each file. Runs on a worker thread.
 */
public final class PicksExport {

    /** Longest file name written, extension included. */
    public static final int MAX_NAME_LENGTH = 120;
    /** Most numbered variants tried for one name before giving up on it. */
    static final int MAX_VARIANTS = 1_000;

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._ -]");
    private static final java.util.Set<String> RESERVED = java.util.Set.of("con", "prn", "aux", "nul", "com1",
            "com2", "com3", "com4", "lpt1", "lpt2", "lpt3");

    private PicksExport() {
    }

    /** What an export did: files copied, and the ones that could not be, in words. */
    public record Result(int copied, List<String> failures) {
        public String summary(Path folder) {
            String done = copied == 1 ? "Exported 1 output to " + folder : "Exported " + copied + " outputs to "
                    + folder;
            return failures.isEmpty() ? done : done + "; " + failures.size() + " could not be copied: "
                    + String.join("; ", failures.subList(0, Math.min(3, failures.size())));
        }
    }

    /**
     * Copies {@code items} into {@code folder} (created when missing); {@code progress} hears (done, total) after
     * each file. A file that cannot be copied is named in the result and the rest go on.
     */
    public static Result copy(List<OutputItem> items, Path folder, BiConsumer<Integer, Integer> progress)
            throws IOException {
        Files.createDirectories(folder);
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new IOException(folder + " is not a folder that can be written to; choose another");
        }
        int copied = 0;
        List<String> failures = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            OutputItem item = items.get(i);
            try {
                copyOne(item.file(), folder, nameFor(item));
                copied++;
            } catch (IOException e) {
                failures.add(item.fileName() + " (" + e.getMessage() + ")");
            }
            progress.accept(i + 1, items.size());
        }
        return new Result(copied, List.copyOf(failures));
    }

    /** "job42-ComfyUI_00001_.png": the job keeps two jobs' same-named outputs apart; the name is made safe. */
    static String nameFor(OutputItem item) {
        String own = item.fileName();
        String prefix = item.jobId() > 0 ? "job" + item.jobId() + "-" : "";
        return safeName(prefix + own);
    }

    /** A name any desktop file system accepts: no separators or control characters, no leading dot, bounded. */
    static String safeName(String name) {
        String cleaned = UNSAFE.matcher(name).replaceAll("_").strip();
        while (cleaned.startsWith(".")) {
            cleaned = cleaned.substring(1);
        }
        int dot = cleaned.lastIndexOf('.');
        String base = dot > 0 ? cleaned.substring(0, dot) : cleaned;
        String extension = dot > 0 ? cleaned.substring(dot) : "";
        if (extension.length() > 16) {
            base = cleaned;
            extension = "";
        }
        if (base.isBlank() || RESERVED.contains(base.toLowerCase(Locale.ROOT))) {
            base = "output" + (base.isBlank() ? "" : "_" + base);
        }
        int room = MAX_NAME_LENGTH - extension.length() - 8; // room for " (999)"
        if (base.length() > room) {
            base = base.substring(0, room);
        }
        return base + extension;
    }

    private static Path copyOne(Path source, Path folder, String name) throws IOException {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; n <= MAX_VARIANTS; n++) {
            Path target = folder.resolve(n == 1 ? name : base + " (" + n + ")" + extension);
            try {
                // No REPLACE_EXISTING: the copy itself refuses a name taken meanwhile, so nothing is overwritten.
                return Files.copy(source, target);
            } catch (FileAlreadyExistsException taken) {
                // try the next number
            }
        }
        throw new IOException("the folder already has " + MAX_VARIANTS + " files named like " + name);
    }
}
