package app.comfydesk.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageScalingTest {

    @Test
    void theLongerSideIsFittedAndTheShapeKept() {
        BufferedImage wide = new BufferedImage(4000, 1000, BufferedImage.TYPE_INT_RGB);
        for (ImageScaling.Quality quality : ImageScaling.Quality.values()) {
            BufferedImage scaled = ImageScaling.fitWithin(wide, 256, quality);
            assertThat(scaled.getWidth()).isEqualTo(256);
            assertThat(scaled.getHeight()).isEqualTo(64);
        }
        BufferedImage tall = new BufferedImage(10, 3000, BufferedImage.TYPE_INT_RGB);
        BufferedImage thin = ImageScaling.fitWithin(tall, 300, ImageScaling.Quality.FAST);
        assertThat(thin.getHeight()).isEqualTo(300);
        assertThat(thin.getWidth()).as("never less than a pixel").isEqualTo(1);
    }

    @Test
    void aSmallerPictureKeepsItsSize() {
        BufferedImage small = new BufferedImage(120, 80, BufferedImage.TYPE_INT_ARGB);
        BufferedImage same = ImageScaling.fitWithin(small, 256, ImageScaling.Quality.BEST);
        assertThat(same.getWidth()).isEqualTo(120);
        assertThat(same.getHeight()).isEqualTo(80);
    }
}
