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
}
