package app.comfydesk.workflow;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Adds text chunks to an encoded PNG, right after its header (where {@link PngText} and ComfyUI look first).
 * Plain Latin-1 text goes in a {@code tEXt} chunk, as Pillow writes ComfyUI's {@code prompt}; anything else, or
 * anything longer than {@link #COMPRESS_FROM} bytes, in an {@code iTXt} chunk (UTF-8, zlib-compressed when long),
 * so no character is lost.
 */
public final class PngTextWriter {

    /** Texts of at least this many bytes are compressed. */
    public static final int COMPRESS_FROM = 1024;

    private static final int AFTER_HEADER = 8 + 4 + 4 + 13 + 4; // signature, IHDR length/type/data/crc

    private PngTextWriter() {
    }

    /** The PNG with one chunk per entry, in the map's order. Keywords are 1–79 printable Latin-1 characters. */
    public static byte[] withText(byte[] png, Map<String, String> texts) {
        if (!PngText.isPng(png) || png.length < AFTER_HEADER) {
            throw new IllegalArgumentException("not a PNG");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 4096);
        out.write(png, 0, AFTER_HEADER);
        texts.forEach((keyword, text) -> {
            checkKeyword(keyword);
            byte[] key = keyword.getBytes(StandardCharsets.ISO_8859_1);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(text) && text.indexOf('\0') < 0;
            if (latin1 && utf8.length < COMPRESS_FROM) {
                chunk(out, "tEXt", concat(key, new byte[] {0}, text.getBytes(StandardCharsets.ISO_8859_1)));
            } else {
                boolean compress = utf8.length >= COMPRESS_FROM;
                // keyword, NUL, compression flag, method 0, empty language tag + NUL, empty translation + NUL
                chunk(out, "iTXt", concat(key, new byte[] {0, (byte) (compress ? 1 : 0), 0, 0, 0},
                        compress ? deflate(utf8) : utf8));
            }
        });
        out.write(png, AFTER_HEADER, png.length - AFTER_HEADER);
        return out.toByteArray();
    }

    /**
     * The PNG with one uncompressed {@code tEXt} chunk per entry, as Pillow's {@code PngInfo} writes ComfyUI's
     * {@code prompt} and {@code workflow} (a character outside Latin-1 becomes {@code ?}): for the sandbox, whose
     * outputs imitate ComfyUI's files byte for byte in layout.
     */
    public static byte[] withPlainText(byte[] png, Map<String, String> texts) {
        if (!PngText.isPng(png) || png.length < AFTER_HEADER) {
            throw new IllegalArgumentException("not a PNG");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 1024);
        out.write(png, 0, AFTER_HEADER);
        for (Map.Entry<String, String> e : texts.entrySet()) {
            chunk(out, "tEXt", (e.getKey() + '\0' + e.getValue()).getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write(png, AFTER_HEADER, png.length - AFTER_HEADER);
        return out.toByteArray();
    }

    private static void checkKeyword(String keyword) {
        boolean ok = !keyword.isEmpty() && keyword.length() <= 79 && !keyword.startsWith(" ") && !keyword.endsWith(" ");
        for (int i = 0; ok && i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            ok = c >= 32 && c <= 126 || c >= 161 && c <= 255;
        }
        if (!ok) {
            throw new IllegalArgumentException("not a PNG text keyword: \"" + keyword + "\"");
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
