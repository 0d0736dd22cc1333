package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Issue 16 item 13: the first window fills a small screen and is a sensible large size on a big one. */
class FirstWindowBoundsTest {

    @Test
    void aLaptopScreenIsFilledToItsUsableArea() {
        FirstWindowBounds bounds = FirstWindowBounds.forScreen(new Rectangle2D(0, 0, 1280, 720));
        assertThat(bounds).isEqualTo(new FirstWindowBounds(0, 0, 1280, 720, false));
        // A task bar on the left and at the top: the window starts beside and below it.
        assertThat(FirstWindowBounds.forScreen(new Rectangle2D(48, 30, 1318, 738)))
                .isEqualTo(new FirstWindowBounds(48, 30, 1318, 738, false));
    }

    @Test
    void aBigScreenGetsACentredLargeWindow() {
        FirstWindowBounds bounds = FirstWindowBounds.forScreen(new Rectangle2D(0, 0, 1600, 1000));
        assertThat(bounds).isEqualTo(new FirstWindowBounds(80, 50, 1440, 900, true));
        // Just short of room for the margin in one direction is "small".
        assertThat(FirstWindowBounds.forScreen(new Rectangle2D(0, 0, 1920, 960)).width()).isEqualTo(1920);
    }
}
