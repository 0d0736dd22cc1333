package app.comfydesk.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * What kind of media file something is, decided by its first bytes (the file name can lie): the image formats
 * ComfyUI's loaders read, and the common video and audio containers for video/audio inputs. The one sniffer of the
 * app: the command line's {@code --image} and the studio's image inputs both ask it, so they accept the same files.
 */
public final class MediaTypes {

    /** The formats named in error messages about any media input. */
    public static final String ACCEPTED = "PNG, JPEG, WebP, GIF, BMP, TIFF, MP4/MOV, WebM/MKV, AVI, WAV, MP3, FLAC "
            + "or Ogg";
    /** The picture formats among {@link #ACCEPTED} (what an image input takes). */
    public static final String PICTURES = "PNG, JPEG, WebP, GIF, BMP or TIFF";
    /** How many leading bytes {@link #mimeType} looks at. */
    public static final int SNIFF_BYTES = 16;

    private MediaTypes() {
    }

    /** Whether {@code mime} (as returned by {@link #mimeType}) is a picture. */
    public static boolean isPicture(String mime) {
        return mime != null && mime.startsWith("image/");
    }

    /**
     * The MIME type of {@code content} (at least its first {@link #SNIFF_BYTES} bytes, or all of a shorter file), or
     * null when it is none of the {@link #ACCEPTED} formats. {@code fileName} only tells WebM from Matroska.
     */
    public static String mimeType(byte[] content, String fileName) {
        byte[] b = Arrays.copyOf(content, Math.min(content.length, 16));
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return "image/gif";
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return "image/webp";
        }
        if (ascii(b, 0, "BM") && content.length > 26) {
            return "image/bmp";
        }
        if (starts(b, 'I', 'I', 42, 0) || starts(b, 'M', 'M', 0, 42)) {
            return "image/tiff";
        }
        if (ascii(b, 4, "ftyp")) {
            String brand = new String(b, 8, Math.min(4, Math.max(0, b.length - 8)), StandardCharsets.US_ASCII);
            return brand.startsWith("qt") ? "video/quicktime" : brand.startsWith("M4A") ? "audio/mp4" : "video/mp4";
        }
        if (starts(b, 0x1A, 0x45, 0xDF, 0xA3)) {
            boolean mkv = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".mkv");
            return mkv ? "video/x-matroska" : "video/webm";
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "AVI ")) {
            return "video/x-msvideo";
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) {
            return "audio/wav";
        }
        if (ascii(b, 0, "ID3") || b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0) {
            return "audio/mpeg";
        }
        if (ascii(b, 0, "fLaC")) {
            return "audio/flac";
        }
        if (ascii(b, 0, "OggS")) {
            return "audio/ogg";
        }
        return null;
    }

    private static boolean starts(byte[] b, int... expected) {
        if (b.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int offset, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        if (b.length < offset + t.length) {
            return false;
        }
        return Arrays.equals(b, offset, offset + t.length, t, 0, t.length);
    }
}
