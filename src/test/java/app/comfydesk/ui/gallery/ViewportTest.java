package app.comfydesk.ui.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewportTest {

    @Test
    void fitCentresTheWholePicture() {
        Viewport viewport = new Viewport();
        viewport.fit(1000, 500, 500, 500);
        assertThat(viewport.scale()).isEqualTo(0.5);
        assertThat(viewport.offsetXProperty().get()).isZero();
        assertThat(viewport.offsetYProperty().get()).isEqualTo(125);
        assertThat(viewport.fittingProperty().get()).isTrue();
    }

    @Test
    void zoomKeepsThePointUnderThePointerInPlace() {
        Viewport viewport = new Viewport();
        viewport.fit(1000, 1000, 500, 500);
        double pictureX = (300 - viewport.offsetXProperty().get()) / viewport.scale();
        viewport.zoomAt(3, 300, 200);
        assertThat(viewport.scale()).isEqualTo(1.5);
        assertThat((300 - viewport.offsetXProperty().get()) / viewport.scale()).isCloseTo(pictureX, within(1e-9));
        assertThat(viewport.fittingProperty().get()).isFalse();

        viewport.actualSize(500, 500);
        assertThat(viewport.scale()).isEqualTo(1);
        viewport.zoomAt(1e9, 0, 0);
        assertThat(viewport.scale()).isEqualTo(Viewport.MAX_SCALE);
        double x = viewport.offsetXProperty().get();
        double y = viewport.offsetYProperty().get();
        viewport.panBy(10, -5);
        assertThat(viewport.offsetXProperty().get()).isEqualTo(x + 10);
        assertThat(viewport.offsetYProperty().get()).isEqualTo(y - 5);
    }
}
