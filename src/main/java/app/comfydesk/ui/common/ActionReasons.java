package app.comfydesk.ui.common;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Why each of a feature's actions cannot run now, as observable strings for its view model: null while an action
 * can run, else one short sentence without a final period ("Select a job first"). The view disables the action's
 * controls on it and shows it (see {@link ExplainedButton}); the view model says it when the action is asked for
 * anyway (a key). Reasons are worked out by one function and refreshed together by {@link #update()}, which the
 * view model calls whenever the state they read has changed.
 *
 * @param <A> the feature's actions
 */
public final class ActionReasons<A extends Enum<A>> {

    private final Map<A, ReadOnlyStringWrapper> reasons;
    private final Function<A, String> whyNot;

    public ActionReasons(Class<A> actions, Function<A, String> whyNot) {
        this.whyNot = whyNot;
        this.reasons = new EnumMap<>(actions);
        for (A action : actions.getEnumConstants()) {
            reasons.put(action, new ReadOnlyStringWrapper(this, action.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** Why {@code action} cannot run, as of the last {@link #update()}; null when it can. */
    public ReadOnlyStringProperty property(A action) {
        return reasons.get(action).getReadOnlyProperty();
    }

    /** Works every reason out again from the current state. */
    public void update() {
        reasons.forEach((action, reason) -> reason.set(whyNot.apply(action)));
    }
}
