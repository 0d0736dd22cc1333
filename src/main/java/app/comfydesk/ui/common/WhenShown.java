package app.comfydesk.ui.common;

import java.util.function.Predicate;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;

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
     * observes only weakly and may be collected before it ever fires; pass the property and a test instead.
     */
    public static void once(ObservableBooleanValue flag, Runnable action) {
        once(flag, Boolean.TRUE::equals, action);
    }

    /** Runs {@code action} now if {@code value} passes {@code test}, else the first time it does. */
    public static <T> void once(ObservableValue<T> value, Predicate<? super T> test, Runnable action) {
        if (test.test(value.getValue())) {
            action.run();
            return;
        }
        value.addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable observable) {
                if (test.test(value.getValue())) {
                    value.removeListener(this);
                    action.run();
                }
            }
        });
    }
}
