package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.UserFacingException;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Turns local pictures into what an image input sends: a {@code data:} URI, within a size limit, downscaled on
 * request. Blocking (reads and encodes); run it through the background executor.
 */
public final class ImageInputs {

    /** The default limit for one data URI's picture (before base64), well under common request-size limits. */
    public static final long DEFAULT_LIMIT_BYTES = 8L * 1024 * 1024;
    public static final int DOWNSCALE_MAX_SIDE = 2048;

    private final long limitBytes;

    public ImageInputs(long limitBytes) {
        this.limitBytes = limitBytes;
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

    public Encoded encode(Path file) throws IOException {
        long size = Files.size(file);
        if (size > limitBytes) {
            throw new TooLargeException(file, size, limitBytes);
        }
        byte[] bytes = Files.readAllBytes(file);
        String mime = mimeType(bytes);
        if (mime == null) {
            throw new UserFacingException(file.getFileName() + " is not a picture this app can send (PNG, JPEG, "
                    + "WebP, GIF or BMP).");
        }
        return new Encoded(dataUri(mime, bytes), bytes, file.getFileName() + " · " + megabytes(bytes.length));
    }

    /** Re-encodes the picture with its long side at most {@link #DOWNSCALE_MAX_SIDE} px (PNG keeps alpha). */
    public Encoded downscale(Path file) throws IOException {
        BufferedImage source = ImageIO.read(file.toFile());
        if (source == null) {
            throw new UserFacingException(file.getFileName() + " could not be decoded as a picture.");
        }
        byte[] bytes = encodePng(scale(source, DOWNSCALE_MAX_SIDE));
        if (bytes.length > limitBytes) {
            bytes = encodeJpeg(scale(source, DOWNSCALE_MAX_SIDE));
        }
        String mime = mimeType(bytes);
        return new Encoded(dataUri(mime, bytes), bytes, file.getFileName() + " (downscaled) · "
                + megabytes(bytes.length));
    }

    /** A pasted picture (already decoded), encoded as PNG. */
    public Encoded encode(BufferedImage image, String name) throws IOException {
        byte[] bytes = encodePng(image);
        if (bytes.length > limitBytes) {
            bytes = encodePng(scale(image, DOWNSCALE_MAX_SIDE));
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
        if (startsWith(bytes, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(bytes, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(bytes, 'B', 'M')) {
            return "image/bmp";
        }
        if (bytes.length > 12 && startsWith(bytes, 'R', 'I', 'F', 'F') && bytes[8] == 'W' && bytes[9] == 'E'
                && bytes[10] == 'B' && bytes[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    static boolean isPictureName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")
                || lower.endsWith(".webp") || lower.endsWith(".gif") || lower.endsWith(".bmp");
    }

    static String megabytes(long bytes) {
        return bytes < 1024 * 1024 ? Math.max(1, bytes / 1024) + " KB"
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static boolean startsWith(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String dataUri(String mime, byte[] bytes) {
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static BufferedImage scale(BufferedImage source, int maxSide) {
        int w = source.getWidth();
        int h = source.getHeight();
        double factor = Math.min(1.0, maxSide / (double) Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * factor));
        int th = Math.max(1, (int) Math.round(h * factor));
        BufferedImage target = new BufferedImage(tw, th, BufferedImage.TYPE_INT_ARGB);
        var g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(source, 0, 0, tw, th, null);
        g.dispose();
        return target;
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
