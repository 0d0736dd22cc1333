package app.comfydesk.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a local media file that is to be sent with a request, under one rule for the whole app: only a regular file
 * (a fifo would block forever, {@code /dev/zero} never ends, a folder is no picture), and only up to a limit that is
 * checked on the file's size before a byte is read, and again while reading (the file may grow meanwhile). What it
 * is comes from {@link MediaTypes}, never from the name.
 */
public final class LocalMedia {

    /** A file read whole: its bytes and MIME type. */
    public record Content(Path file, byte[] bytes, String mimeType) {
    }

    /** Why a file was refused; {@link #getMessage()} is the part of a sentence that names the file and the fault. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        /** What is wrong with the file. */
        public enum Reason { MISSING, NOT_A_FILE, TOO_LARGE, UNREADABLE, NOT_MEDIA }

        private final Reason reason;
        private final long size;

        RefusedException(Reason reason, String message, long size, Throwable cause) {
            super(message, cause);
            this.reason = reason;
            this.size = size;
        }

        public Reason reason() {
            return reason;
        }

        /** The file's size in bytes when it is known (TOO_LARGE), else -1. */
        public long size() {
            return size;
        }
    }

    /**
     * The largest file the command line sends inline ({@code --image}): its data URI is a third larger, and stays
     * under the 64 MiB request bodies servers commonly take.
     */
    public static final long COMMAND_LINE_LIMIT_BYTES = 32L * 1024 * 1024;

    private LocalMedia() {
    }

    /**
     * Checks that {@code file} is a regular file of at most {@code limitBytes} without reading it; returns its size.
     * For callers that decode the file themselves (the studio's downscale).
     */
    public static long checkReadable(Path file, long limitBytes) throws RefusedException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);   // follows links, like opening
        } catch (NoSuchFileException e) {
            throw new RefusedException(RefusedException.Reason.MISSING, "cannot read " + file
                    + " (no such file)", -1, e);
        } catch (IOException | SecurityException e) {
            throw unreadable(file, e);
        }
        if (!attributes.isRegularFile()) {
            String what = attributes.isDirectory() ? "a folder" : "a device, pipe or socket";
            throw new RefusedException(RefusedException.Reason.NOT_A_FILE, file + " is " + what
                    + ", not a regular file; only regular files are read", -1, null);
        }
        long size = attributes.size();
        if (size > limitBytes) {
            throw tooLarge(file, size, limitBytes);
        }
        return size;
    }

    /**
     * Reads {@code file} whole if it is a regular file of at most {@code limitBytes} in one of the
     * {@link MediaTypes#ACCEPTED} formats.
     */
    public static Content read(Path file, long limitBytes) throws RefusedException {
        checkReadable(file, limitBytes);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limitBytes + 1));
        } catch (IOException | SecurityException e) {
            throw unreadable(file, e);
        }
        if (bytes.length > limitBytes) {
            throw tooLarge(file, -1, limitBytes);   // it grew while being read
        }
        String mime = MediaTypes.mimeType(bytes, file.getFileName() == null ? null : file.getFileName().toString());
        if (mime == null) {
            throw new RefusedException(RefusedException.Reason.NOT_MEDIA, file.getFileName()
                    + " is not an image, video or audio file (expected " + MediaTypes.ACCEPTED + ")", -1, null);
        }
        return new Content(file, Arrays.copyOf(bytes, bytes.length), mime);
    }

    /** "12.5 MB" / "300 KB": sizes in messages about local files. */
    public static String megabytes(long bytes) {
        return bytes < 1024 * 1024 ? Math.max(1, bytes / 1024) + " KB"
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static RefusedException tooLarge(Path file, long size, long limit) {
        String is = size < 0 ? " grew past " : " is " + megabytes(size) + ", over ";
        return new RefusedException(RefusedException.Reason.TOO_LARGE, file.getFileName() + is + "the "
                + megabytes(limit) + " limit for a file sent with a request", size, null);
    }

    private static RefusedException unreadable(Path file, Exception e) {
        String why = e instanceof AccessDeniedException || e instanceof SecurityException ? "permission denied"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new RefusedException(RefusedException.Reason.UNREADABLE, "cannot read " + file + " (" + why + ")", -1,
                e);
    }
}
