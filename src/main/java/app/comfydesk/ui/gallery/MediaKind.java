package app.comfydesk.ui.gallery;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** How an output file can be shown: decoded by JavaFX, decoded through ImageIO, played, or only described. */
public enum MediaKind {
    /** PNG, JPEG, GIF, BMP: JavaFX decodes them itself. */
    IMAGE,
    /** WebP and other formats JavaFX lacks but an ImageIO plug-in (TwelveMonkeys) reads. */
    IMAGEIO_IMAGE,
    /** MP4 and friends that JavaFX Media plays. */
    VIDEO,
    /** A text output (a node's strings, saved as {@code .txt}): shown as its text. */
    TEXT,
    /** Anything else (webm, audio, latents): shown as a file card with "open externally". */
    OTHER;

    private static final Set<String> FX_IMAGES = Set.of("png", "jpg", "jpeg", "gif", "bmp");
    private static final Set<String> IMAGEIO_IMAGES = Set.of("webp");
    private static final Set<String> VIDEOS = Set.of("mp4", "m4v", "mov");

    public static MediaKind of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (FX_IMAGES.contains(extension)) {
            return IMAGE;
        }
        if (IMAGEIO_IMAGES.contains(extension)) {
            return IMAGEIO_IMAGE;
        }
        if (VIDEOS.contains(extension)) {
            return VIDEO;
        }
        if (extension.equals("txt")) {
            return TEXT;
        }
        return OTHER;
    }

    public boolean isImage() {
        return this == IMAGE || this == IMAGEIO_IMAGE;
    }
}
