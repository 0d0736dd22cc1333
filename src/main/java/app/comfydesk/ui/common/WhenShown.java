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

    /**
     * Runs {@code action} now if {@code flag} is true, else the first time it becomes true. The flag must be held
     * elsewhere (a property): a binding made just for the call, such as {@code p.isNotNull()}, is held by what it
     * observes only weakly and may be collected before it ever fires.
     */
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
