package app.comfydesk.ui.jobs;

import app.comfydesk.jobs.UnfinishedSnapshot;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The status bar's figures: running and queued jobs, and the connection. Part of {@link JobMonitorViewModel}, which
 * hands it what the bridge brings, on the FX thread. Holds no nodes.
 */
final class StatusCounts {

    private final ReadOnlyIntegerWrapper runningCount = new ReadOnlyIntegerWrapper(this, "runningCount");
    private final ReadOnlyIntegerWrapper queuedCount = new ReadOnlyIntegerWrapper(this, "queuedCount");
    private final ReadOnlyObjectWrapper<ConnectionStatus> connection = new ReadOnlyObjectWrapper<>(this, "connection");

    ReadOnlyIntegerProperty runningCountProperty() {
        return runningCount.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty queuedCountProperty() {
        return queuedCount.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ConnectionStatus> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /**
     * Running and queued totals, from the engine's snapshot of unfinished jobs: the one the quit warning counts, so
     * the two cannot disagree. It changes before the event that changed it is told, and reaches here through the
     * same bridge, never from a count query (which could read the store before a status change landed and then stay
     * stale while nothing else happened).
     */
    void show(UnfinishedSnapshot unfinished) {
        runningCount.set(unfinished.running());
        queuedCount.set(unfinished.queued());
    }

    void connectionChanged(ConnectionStatus status) {
        connection.set(status);
    }
}
