package app.comfydesk.ui.jobs;

import app.comfydesk.ui.common.BackgroundExecutor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The job table's sweep groups: expanding and folding a group (the query changes, so the store pages anew) and
 * cancelling it as a whole: the running sweep is told first (so nothing more is sent), then every unfinished member
 * is cancelled through the engine.
 */
public final class JobGroupActions {

    private final JobMonitorBackend backend;
    private final BackgroundExecutor background;
    private final ObjectProperty<app.comfydesk.jobs.JobQuery> query;
    private final Consumer<String> say;
    private final ObjectProperty<Consumer<String>> onCancelGroup = new SimpleObjectProperty<>(this, "onCancelGroup");

    JobGroupActions(JobMonitorBackend backend, BackgroundExecutor background, ObjectProperty<app.comfydesk.jobs.JobQuery> query,
                    Consumer<String> say) {
        this.backend = backend;
        this.background = background;
        this.query = query;
        this.say = say;
    }

    /** Shows the group's jobs under its row, or folds them back into it. */
    public void toggle(String groupId) {
        app.comfydesk.jobs.JobQuery spec = query.get();
        query.set(spec.withGroups(spec.groups().toggled(groupId)));
    }

    public boolean isExpanded(String groupId) {
        return query.get().groups().isExpanded(groupId);
    }

    /** Cancels the group as a whole. */
    public void cancel(String groupId) {
        Consumer<String> sweeps = onCancelGroup.get();
        if (sweeps != null) {
            sweeps.accept(groupId);
        }
        background.submit(() -> backend.cancelGroup(groupId).get()).onSuccess(say::accept)
                .onError(error -> say.accept("Could not cancel the sweep: " + error.message()));
    }

    /** Told first when a group is cancelled from the table (the sweep window stops sending its remaining jobs). */
    public ObjectProperty<Consumer<String>> onCancelGroupProperty() {
        return onCancelGroup;
    }
}
