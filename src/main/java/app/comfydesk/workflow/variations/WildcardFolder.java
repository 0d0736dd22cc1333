package app.comfydesk.workflow.variations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Wildcards from a folder: {@code __colors__} is {@code <folder>/colors.txt}, {@code __art/styles__} is
 * {@code <folder>/art/styles.txt}. Names are checked before any path is built (letters, digits, {@code _ -},
 * {@code /} between parts), and the file's real path must stay inside the folder, so no name or link reads
 * elsewhere. Files are bounded and read once.
 */
public final class WildcardFolder implements Wildcards {

    /** Largest wildcard file read. */
    public static final long MAX_FILE_BYTES = 1024 * 1024;
    /** Most lines used from one wildcard file. */
    public static final int MAX_LINES = 10_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(?:/[A-Za-z0-9][A-Za-z0-9_-]*)*");

    private final Path folder;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    public WildcardFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public List<String> lines(String name) {
        return cache.computeIfAbsent(name, this::read);
    }

    private List<String> read(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new VariationException("__" + name + "__: a wildcard name has letters, digits, _ and -, with / "
                    + "between folder names (e.g. __colors__ or __art/styles__)");
        }
        Path file = folder.resolve(name + ".txt");
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(folder.toRealPath()) || !Files.isRegularFile(real)) {
                throw new VariationException("__" + name + "__: " + name + ".txt is not a file inside the wildcards "
                        + "folder " + folder);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(real)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new VariationException("__" + name + "__: " + name + ".txt is larger than "
                        + MAX_FILE_BYTES / 1024 + " KiB, the most a wildcard file may be");
            }
            List<String> lines = new ArrayList<>();
            for (String line : decode(name, bytes).split("\\R")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    if (lines.size() == MAX_LINES) {
                        throw new VariationException("__" + name + "__: " + name + ".txt has more than " + MAX_LINES
                                + " lines, the most a wildcard file may have");
                    }
                    lines.add(trimmed);
                }
            }
            if (lines.isEmpty()) {
                throw new VariationException("__" + name + "__: " + name + ".txt has no lines to pick from");
            }
            return List.copyOf(lines);
        } catch (NoSuchFileException e) {
            throw new VariationException("__" + name + "__: there is no wildcard file " + name + ".txt in " + folder);
        } catch (IOException e) {
            throw new VariationException("__" + name + "__: cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    private static String decode(String name, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString().replace("\uFEFF", "");
        } catch (CharacterCodingException e) {
            throw new VariationException("__" + name + "__: " + name + ".txt is not UTF-8 text");
        }
    }
}
