package app.comfydesk.sandbox.exec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.NodeList;

/** Image helpers shared by the sandbox tests. */
public final class TestImages {

    private TestImages() {
    }

    public static String dataUri(BufferedImage image) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    /** The text of a PNG tEXt chunk, read with ImageIO (independently of the sandbox's own writer). */
    public static String textChunk(byte[] png, String keyword) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(png)));
        IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
        NodeList entries = root.getElementsByTagName("tEXtEntry");
        for (int i = 0; i < entries.getLength(); i++) {
            IIOMetadataNode e = (IIOMetadataNode) entries.item(i);
            if (keyword.equals(e.getAttribute("keyword"))) {
                return e.getAttribute("value");
            }
        }
        throw new AssertionError("no tEXt chunk " + keyword);
    }
}
