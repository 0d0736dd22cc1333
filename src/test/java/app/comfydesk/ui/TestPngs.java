package app.comfydesk.ui;

import app.comfydesk.workflow.PngTextWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes small PNGs for tests: a gradient picture of a given size, optionally with ComfyUI's "prompt" text chunk
 * (written by the product's one chunk writer, {@link PngTextWriter}, as Pillow writes it).
 */
public final class TestPngs {

    private TestPngs() {
    }

    public static Path write(Path file, int width, int height, String promptJson) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / Math.max(1, width)) << 16 | (y * 255 / Math.max(1, height)) << 8 | 128);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        byte[] bytes = promptJson == null ? png.toByteArray()
                : PngTextWriter.withPlainText(png.toByteArray(), Map.of("prompt", promptJson));
        Files.write(file, bytes);
        return file;
    }
}
