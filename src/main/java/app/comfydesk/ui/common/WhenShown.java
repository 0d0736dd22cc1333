package app.comfydesk.ui.common;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Runs an action once, the first time a flag is (or becomes) true: start-up work that waits for the workflow, parts of
 * a form row made when first needed.
 */
public final class WhenShown {

    private WhenShown() {
    }

    public static void once(ObservableBooleanValue flag, Runnable action) {
        if (flag.get()) {
            action.run();
            return;
        }
        flag.addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable observable) {
                if (flag.get()) {
                    flag.removeListener(this);
                    action.run();
                }
            }
        });
    }

}
