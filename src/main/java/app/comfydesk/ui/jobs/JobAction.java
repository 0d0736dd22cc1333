package app.comfydesk.ui.jobs;

/** What the monitor can do to the selected jobs (toolbar, context menu, keys); see {@code whyNotProperty}. */
public enum JobAction {
    CANCEL, DELETE_REMOTE, RERUN, LOAD_EDITS, OPEN_FOLDER, COPY_REQUEST_ID, COPY_ERROR, USE_SEED
}
