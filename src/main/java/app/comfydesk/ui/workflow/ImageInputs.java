package app.comfydesk.ui.workflow;

import app.comfydesk.media.LocalMedia;
import app.comfydesk.media.MediaTypes;
import app.comfydesk.ui.common.UserFacingException;
import app.comfydesk.media.ImageScaling;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns local pictures into what an image input sends: a {@code data:} URI, within a size limit, downscaled on
 * request. Blocking (reads and encodes); run it through the background executor.
 */
public final class ImageInputs {

    /** The default limit for one data URI's picture (before base64), well under common request-size limits. */
    public static final long DEFAULT_LIMIT_BYTES = 8L * 1024 * 1024;
    public static final int DOWNSCALE_MAX_SIDE = 2048;
    /** The largest file the studio decodes to downscale (a bigger one is refused before it is read). */
    public static final long DOWNSCALE_MAX_FILE_BYTES = 256L * 1024 * 1024;
    /** The largest picture the studio decodes to downscale (read from its header before decoding). */
    public static final long DOWNSCALE_MAX_PIXELS = 100_000_000L;

    private final long limitBytes;
    /**
     * Where the active server keeps the files an image input names (LoadImage's {@code input/} folder), when this
     * computer can read it: the built-in sandbox's. Null for a remote server. Set on the FX thread; drop zones
     * listen to it, so a sandbox that starts after the form is shown still gets its thumbnails.
     */
    private final javafx.beans.property.ObjectProperty<Path> serverInputFolder =
            new javafx.beans.property.SimpleObjectProperty<>(this, "serverInputFolder");

    public ImageInputs(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    public javafx.beans.property.ObjectProperty<Path> serverInputFolderProperty() {
        return serverInputFolder;
    }

    /**
     * The local copy of a file an input names on the server ({@code sandbox-sample.png}, {@code sub/x.png}), or
     * empty when the server's folder is not readable here or the name is not a plain relative name whose real path
     * (links resolved) lies inside that folder. Reads nothing but the folder's metadata.
     */
    public static java.util.Optional<Path> serverFile(Path folder, String name) {
        if (folder == null || name == null || name.isBlank() || name.length() > 1024) {
            return java.util.Optional.empty();
        }
        String plain = name.endsWith(" [input]") ? name.substring(0, name.length() - 8) : name;
        for (String part : plain.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.chars().anyMatch(c -> c == '\\'
                    || c == ':' || c < 0x20 || c == 0x7f)) {
                return java.util.Optional.empty();
            }
        }
        try {
            Path root = folder.toRealPath();
            Path file = root.resolve(plain).toRealPath();
            return file.startsWith(root) && java.nio.file.Files.isRegularFile(file) ? java.util.Optional.of(file)
                    : java.util.Optional.empty();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return java.util.Optional.empty(); // not there (or not readable): no thumbnail, nothing to report
        }
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** A picture ready to send: the data URI and its raw bytes (for the thumbnail). */
    public record Encoded(String dataUri, byte[] bytes, String description) {
    }

    /** The file is bigger than the limit; the message offers to downscale. */
    public static final class TooLargeException extends UserFacingException {
        private final Path file;

        TooLargeException(Path file, long size, long limit) {
            super(file.getFileName() + " is " + megabytes(size) + ", over the " + megabytes(limit)
                    + " limit for pictures sent with a request. Downscale it to " + DOWNSCALE_MAX_SIDE
                    + " px on its long side?");
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }

    /**
     * The picture in {@code file} as a data URI. Only a regular file is read (the rule of {@link LocalMedia}: a pipe
     * would block, a device never ends); one over the limit is refused, before reading, with a downscale offer.
     */
    public Encoded encode(Path file) throws IOException {
        LocalMedia.Content content;
        try {
            content = LocalMedia.read(file, limitBytes);
        } catch (LocalMedia.RefusedException e) {
            throw switch (e.reason()) {
                case TOO_LARGE -> e.size() >= 0 && e.size() <= DOWNSCALE_MAX_FILE_BYTES
                        ? new TooLargeException(file, e.size(), limitBytes)
                        : new UserFacingException(e.getMessage() + ", and too large to downscale here (over "
                        + LocalMedia.megabytes(DOWNSCALE_MAX_FILE_BYTES) + "); make it smaller in an image editor "
                        + "or use a URL.");
                case NOT_MEDIA -> notAPicture(file);
                default -> new UserFacingException(sentence(e.getMessage()));
            };
        }
        if (!MediaTypes.isPicture(content.mimeType())) {
            throw notAPicture(file);
        }
        byte[] bytes = content.bytes();
        return new Encoded(dataUri(content.mimeType(), bytes), bytes, file.getFileName() + " · "
                + megabytes(bytes.length));
    }

    /**
     * Re-encodes the picture with its long side at most {@link #DOWNSCALE_MAX_SIDE} px (PNG keeps alpha). The file
     * must be a regular file of at most {@link #DOWNSCALE_MAX_FILE_BYTES}, and the picture at most
     * {@link #DOWNSCALE_MAX_PIXELS}: both are checked before it is decoded.
     */
    public Encoded downscale(Path file) throws IOException {
        try {
            LocalMedia.checkReadable(file, DOWNSCALE_MAX_FILE_BYTES);
        } catch (LocalMedia.RefusedException e) {
            throw new UserFacingException(sentence(e.getMessage()));
        }
        BufferedImage source = decodeBounded(file);
        byte[] bytes = encodePng(ImageScaling.fitWithin(source, DOWNSCALE_MAX_SIDE, ImageScaling.Quality.BEST));
        if (bytes.length > limitBytes) {
            bytes = encodeJpeg(ImageScaling.fitWithin(source, DOWNSCALE_MAX_SIDE,
                    ImageScaling.Quality.BEST));
        }
        String mime = mimeType(bytes);
        return new Encoded(dataUri(mime, bytes), bytes, file.getFileName() + " (downscaled) · "
                + megabytes(bytes.length));
    }

    private static BufferedImage decodeBounded(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new UserFacingException(file.getFileName() + " could not be decoded as a picture.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > DOWNSCALE_MAX_PIXELS) {
                    throw new UserFacingException(file.getFileName() + " is " + reader.getWidth(0) + " × "
                            + reader.getHeight(0) + " px, over the " + DOWNSCALE_MAX_PIXELS / 1_000_000
                            + " megapixel limit for downscaling here; make it smaller in an image editor.");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (UserFacingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UserFacingException(file.getFileName() + " could not be decoded as a picture.");
        }
    }

    private static UserFacingException notAPicture(Path file) {
        return new UserFacingException(file.getFileName() + " is not a picture this app can send ("
                + MediaTypes.PICTURES + ").");
    }

    private static String sentence(String part) {
        return Character.toUpperCase(part.charAt(0)) + part.substring(1) + ".";
    }

    /** A pasted picture (already decoded), encoded as PNG. */
    public Encoded encode(BufferedImage image, String name) throws IOException {
        byte[] bytes = encodePng(image);
        if (bytes.length > limitBytes) {
            bytes = encodePng(ImageScaling.fitWithin(image, DOWNSCALE_MAX_SIDE, ImageScaling.Quality.BEST));
        }
        return new Encoded(dataUri("image/png", bytes), bytes, name + " · " + megabytes(bytes.length));
    }

    /** The raw bytes inside a data URI, or null when the value is not one. */
    public static byte[] decodeDataUri(String value) {
        if (value == null || !value.startsWith("data:")) {
            return null;
        }
        int comma = value.indexOf(',');
        if (comma < 0 || !value.substring(0, comma).endsWith(";base64")) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String mimeType(byte[] bytes) {
        return MediaTypes.mimeType(bytes, null);
    }

    static boolean isPictureName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")
                || lower.endsWith(".webp") || lower.endsWith(".gif") || lower.endsWith(".bmp");
    }

    static String megabytes(long bytes) {
        return LocalMedia.megabytes(bytes);
    }

    private static String dataUri(String mime, byte[] bytes) {
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] encodePng(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] encodeJpeg(BufferedImage image) throws IOException {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = rgb.createGraphics();
        g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(rgb, "jpg", out);
        return out.toByteArray();
    }
}
