package app.comfydesk.sandbox.exec;

import app.comfydesk.workflow.PngTextWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Encodes a PNG and adds uncompressed {@code tEXt} chunks right after the header, as Pillow's PngInfo does (the
 * chunks themselves are written by {@link PngTextWriter}, the one PNG chunk writer).
 */
final class PngWriter {

    private PngWriter() {
    }

    static byte[] encode(BufferedImage image, Map<String, String> text) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer available");
        }
        return PngTextWriter.withPlainText(png.toByteArray(), text);
    }
}
