package app.comfydesk.ui.gallery;

/** What the viewer's toolbar can do; see {@link GalleryViewModel#whyNotProperty}. */
public enum OutputAction {
    /** Previous / next output. */
    NAVIGATE,
    /** Fit and 100 %, zoom in and out. */
    ZOOM,
    /** Save as, copy, open in the system viewer, show in folder. */
    FILE,
    FULL_SCREEN,
    /** Compare side by side, or A/B. */
    COMPARE,
    /** Swap A and B. */
    SWAP
}
