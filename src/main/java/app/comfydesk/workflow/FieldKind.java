package app.comfydesk.workflow;

/** Which widget an input gets; decided by {@link FormFields}, mapped to controls by the UI. */
public enum FieldKind {
    INT, FLOAT, SEED, COMBO,
    /** Multi-line text: prompts and multiline strings. */
    TEXT,
    /** One-line text. */
    STRING,
    BOOLEAN,
    /** An image/video/audio/file the user supplies (upload inputs such as LoadImage.image). */
    MEDIA,
    /** Objects, lists, null: edited as JSON text. */
    JSON,
    /** Connected to another node's output: shown, not editable. */
    LINK
}
