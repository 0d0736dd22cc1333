package app.comfydesk.sheet;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reads a job's picture for a contact sheet, bounded in bytes and in pixels before it is decoded. */
public final class SheetImages {

    /** Largest picture file put on a sheet. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** Largest picture side put on a sheet (checked from the header, before decoding). */
    public static final int MAX_SIDE = 8192;

    private SheetImages() {
    }

    /** The picture, or an {@link IOException} whose message says why it cannot be shown. */
    public static BufferedImage read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file.getFileName() + " is larger than " + MAX_FILE_BYTES / (1024 * 1024)
                    + " MiB");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file.getFileName() + " is not a picture this sheet can show");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if (reader.getWidth(0) > MAX_SIDE || reader.getHeight(0) > MAX_SIDE) {
                    throw new IOException(file.getFileName() + " is " + reader.getWidth(0) + " × "
                            + reader.getHeight(0) + ", larger than " + MAX_SIDE + " px a side");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }
}
