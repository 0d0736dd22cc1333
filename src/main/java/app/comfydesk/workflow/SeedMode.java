package app.comfydesk.workflow;

/** What happens to a seed from one submission (or one run of a batch) to the next. */
public enum SeedMode {
    /** Every run uses the value in the form. */
    FIXED,
    /** Every run draws a new seed uniformly from the input's range. */
    RANDOM,
    /** Run n uses the form's value + n, wrapping within the input's range. */
    INCREMENT
}
