package app.comfydesk.ui.jobs;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A table slot: holds the snapshot of one job, filled when its page arrives and replaced in place when the job
 * changes. Cells bind to it, so a status change repaints one row without any list change (selection and scroll
 * position stay put).
 */
public final class JobItem {

    private final ReadOnlyObjectWrapper<JobRow> row = new ReadOnlyObjectWrapper<>(this, "row");

    JobItem() {
    }

    JobItem(JobRow initial) {
        row.set(initial);
    }

    public ReadOnlyObjectProperty<JobRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    /** The snapshot, or null while its page is loading. */
    public JobRow row() {
        return row.get();
    }

    /** The job id, or -1 while loading. */
    public long id() {
        JobRow current = row.get();
        return current == null ? -1 : current.id();
    }

    void set(JobRow newRow) {
        row.set(newRow);
    }

    @Override
    public String toString() {
        return "JobItem" + row.get();
    }
}
