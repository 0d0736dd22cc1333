package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

class WhenShownTest {

    @Test
    void runsOnceWhenTheFlagTurnsTrueAndNotBefore() {
        SimpleBooleanProperty shown = new SimpleBooleanProperty(false);
        AtomicInteger runs = new AtomicInteger();
        WhenShown.once(shown, runs::incrementAndGet);
        assertThat(runs).hasValue(0);
        shown.set(true);
        shown.set(false);
        shown.set(true);
        assertThat(runs).hasValue(1);
    }

    @Test
    void runsAtOnceWhenTheFlagIsAlreadyTrue() {
        AtomicInteger runs = new AtomicInteger();
        WhenShown.once(new SimpleBooleanProperty(true), runs::incrementAndGet);
        assertThat(runs).hasValue(1);
    }
}
