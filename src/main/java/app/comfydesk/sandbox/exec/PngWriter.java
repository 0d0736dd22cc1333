package app.comfydesk.sandbox.exec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Encodes a PNG and adds uncompressed {@code tEXt} chunks right after the header, as Pillow's PngInfo does. */
final class PngWriter {

    private PngWriter() {
    }

    static byte[] encode(BufferedImage image, Map<String, String> text) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer available");
        }
        byte[] plain = png.toByteArray();
        int afterHeader = 8 + 4 + 4 + 13 + 4; // signature, IHDR length/type/data/crc
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 1024);
        out.write(plain, 0, afterHeader);
        for (Map.Entry<String, String> e : text.entrySet()) {
            writeChunk(out, "tEXt", (e.getKey() + '\0' + e.getValue()).getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write(plain, afterHeader, plain.length - afterHeader);
        return out.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
