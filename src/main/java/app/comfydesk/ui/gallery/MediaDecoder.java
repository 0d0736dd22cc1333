package app.comfydesk.ui.gallery;

import app.comfydesk.media.ImageScaling;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;

/** Decodes output files into JavaFX images. Blocking: call it on a worker thread, never the FX thread. */
public final class MediaDecoder {

    private MediaDecoder() {
    }

    /** The full-size image, or an exception naming what could not be read. */
    public static Image decode(Path file) throws IOException {
        return switch (MediaKind.of(file)) {
            case IMAGE -> checked(new Image(file.toUri().toString(), false), file);
            case IMAGEIO_IMAGE -> SwingFXUtils.toFXImage(readWithImageIo(file), null);
            case VIDEO, TEXT, OTHER -> throw new IOException(file.getFileName() + " is not a still image");
        };
    }

    /** An image scaled to fit in {@code size}×{@code size}, aspect kept. */
    public static Image decodeThumbnail(Path file, int size) throws IOException {
        return switch (MediaKind.of(file)) {
            case IMAGE -> checked(new Image(file.toUri().toString(), size, size, true, true, false), file);
            case IMAGEIO_IMAGE -> SwingFXUtils.toFXImage(
                    ImageScaling.fitWithin(readWithImageIo(file), size, ImageScaling.Quality.FAST), null);
            case VIDEO, TEXT, OTHER -> throw new IOException(file.getFileName() + " has no picture to show");
        };
    }

    private static Image checked(Image image, Path file) throws IOException {
        if (image.isError() || image.getWidth() <= 0) {
            Exception cause = image.getException();
            throw new IOException("Cannot decode " + file.getFileName()
                    + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
        return image;
    }

    private static BufferedImage readWithImageIo(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("No image decoder for " + file.getFileName());
        }
        return image;
    }
}
