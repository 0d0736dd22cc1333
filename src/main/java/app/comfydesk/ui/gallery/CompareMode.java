package app.comfydesk.ui.gallery;

/** How the viewer shows two outputs. */
public enum CompareMode {
    /** One output. */
    OFF,
    /** Two outputs next to each other, zoomed and panned together. */
    SIDE_BY_SIDE,
    /** Two outputs on top of each other, split by a draggable A/B divider. */
    SLIDER
}
