package app.comfydesk.workflow;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Builds minimal PNGs in code: a 1x1 image with whatever text chunks a test needs. */
final class Png {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Png() {
        out.writeBytes(PngText.SIGNATURE);
        chunk("IHDR", ByteBuffer.allocate(13).putInt(1).putInt(1).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0).array());
    }

    Png tEXt(String keyword, String text, Charset charset) {
        return chunk("tEXt", concat(latin1(keyword), new byte[] {0}, text.getBytes(charset)));
    }

    Png zTXt(String keyword, String text) {
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
        return chunk("zTXt", concat(latin1(keyword), new byte[] {0, 0}, deflate(body)));
    }

    Png iTXt(String keyword, String text, boolean compressed) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return chunk("iTXt", concat(latin1(keyword), new byte[] {0, (byte) (compressed ? 1 : 0), 0},
                latin1("en"), new byte[] {0}, new byte[] {0}, compressed ? deflate(body) : body));
    }

    Png chunk(String type, byte[] data) {
        byte[] typeBytes = latin1(type);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return this;
    }

    byte[] bytes() {
        Png copy = new Png();
        copy.out.reset();
        copy.out.writeBytes(out.toByteArray());
        copy.chunk("IDAT", deflate(new byte[] {0, 0}));
        copy.chunk("IEND", new byte[0]);
        return copy.out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
