package app.comfydesk.ui.jobs;

/** Columns the table can be sorted by; the store sorts, so 100,000 rows never need to be in memory. */
public enum JobColumn {
    CREATED, STATUS, DURATION, PROMPT, TARGET, REQUEST_ID
}
