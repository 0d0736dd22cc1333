package app.comfydesk.workflow;

/**
 * What object_info.json says about one node input. Closed: every spec shape found in the wild maps to one of these,
 * and shapes nobody can classify become {@link UnknownSpec} rather than an exception.
 */
public sealed interface InputSpec
        permits IntSpec, FloatSpec, StringSpec, BooleanSpec, ComboSpec, UploadSpec, ConnectionSpec, UnknownSpec {

    /** The input key, as used in workflow_api.json {@code inputs}. */
    String name();

    /** Declared under {@code optional} rather than {@code required}. */
    boolean optional();

    /** Help text from the schema, or null. */
    String tooltip();
}
