package app.comfydesk.ui.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.comfydesk.ui.TestPngs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInputsTest {

    @TempDir
    Path dir;

    @Test
    void aSmallPictureBecomesAnExactDataUri() throws Exception {
        Path png = TestPngs.write(dir.resolve("a.png"), 4, 4, null);
        ImageInputs.Encoded encoded = new ImageInputs(ImageInputs.DEFAULT_LIMIT_BYTES).encode(png);
        assertThat(encoded.dataUri()).startsWith("data:image/png;base64,");
        assertThat(ImageInputs.decodeDataUri(encoded.dataUri())).isEqualTo(Files.readAllBytes(png));
    }

    @Test
    void aPictureOverTheLimitIsRefusedWithADownscaleOfferThatWorks() throws Exception {
        Path big = TestPngs.write(dir.resolve("big.png"), 3000, 1500, null);
        ImageInputs inputs = new ImageInputs(64 * 1024);
        assertThatThrownBy(() -> inputs.encode(big)).isInstanceOf(ImageInputs.TooLargeException.class)
                .hasMessageContaining("big.png is").hasMessageContaining("Downscale it to 2048 px");
        ImageInputs.Encoded smaller = new ImageInputs(ImageInputs.DEFAULT_LIMIT_BYTES).downscale(big);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(ImageInputs.decodeDataUri(smaller.dataUri())));
        assertThat(decoded.getWidth()).isEqualTo(2048);
        assertThat(decoded.getHeight()).isEqualTo(1024);
    }

    @Test
    void somethingThatIsNotAPictureIsSaidSo() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "hello");
        assertThatThrownBy(() -> new ImageInputs(ImageInputs.DEFAULT_LIMIT_BYTES).encode(text))
                .hasMessageContaining("notes.png is not a picture");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)   // before the fix a fifo blocked the background thread for ever
    void onlySmallEnoughRegularFilesAreRead() throws Exception {
        ImageInputs inputs = new ImageInputs(ImageInputs.DEFAULT_LIMIT_BYTES);
        Path fifo = dir.resolve("pipe.png");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start()
                .waitFor() == 0, "mkfifo is available");
        assertThatThrownBy(() -> inputs.encode(fifo)).isExactlyInstanceOf(
                app.comfydesk.ui.common.UserFacingException.class)
                .hasMessageContaining("pipe.png is a device, pipe or socket, not a regular file");
        assertThatThrownBy(() -> inputs.downscale(fifo)).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> inputs.encode(Path.of("/dev/zero"))).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> inputs.encode(dir)).hasMessageContaining("is a folder");

        Path huge = dir.resolve("huge.png");
        try (var file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.write(Files.readAllBytes(TestPngs.write(dir.resolve("seed.png"), 2, 2, null)));
            file.setLength(3L << 30);   // sparse: 3 GiB that take no disk
        }
        // Too big even to decode for a downscale: refused from its size alone, no offer.
        assertThatThrownBy(() -> inputs.encode(huge)).isExactlyInstanceOf(
                app.comfydesk.ui.common.UserFacingException.class)
                .hasMessageContaining("huge.png is 3072.0 MB, over the 8.0 MB limit")
                .hasMessageContaining("too large to downscale here (over 256.0 MB)");
        assertThatThrownBy(() -> inputs.downscale(huge)).hasMessageContaining("over the 256.0 MB limit");
    }

    @Test
    void theStudioAcceptsWhatTheCommandLineAccepts() throws Exception {
        // One sniffer for both: a TIFF (which ComfyUI's LoadImage reads) was refused here and sent by the CLI.
        Path tiff = Files.write(dir.resolve("scan.tif"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0});
        assertThat(new ImageInputs(ImageInputs.DEFAULT_LIMIT_BYTES).encode(tiff).dataUri())
                .startsWith("data:image/tiff;base64,");
        // ...and a two-byte "BM" is no BMP in either.
        Path bm = Files.write(dir.resolve("bm.bmp"), new byte[] {'B', 'M'});
        assertThatThrownBy(() -> new ImageInputs(ImageInputs.DEFAULT_LIMIT_BYTES).encode(bm))
                .hasMessageContaining("bm.bmp is not a picture");
        // Audio is media, but no picture for an image input.
        Path wav = Files.write(dir.resolve("a.wav"), new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'});
        assertThatThrownBy(() -> new ImageInputs(ImageInputs.DEFAULT_LIMIT_BYTES).encode(wav))
                .hasMessageContaining("a.wav is not a picture this app can send (PNG, JPEG, WebP, GIF, BMP or TIFF)");
    }
}
