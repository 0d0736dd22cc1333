package app.comfydesk.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The one picture scaler: fits a picture within a square, never enlarging it (thumbnails, uploads). */
public final class ImageScaling {

    /** How much care a scaled copy gets: a thumbnail is drawn often and small, an upload is what the server runs. */
    public enum Quality { FAST, BEST }

    private ImageScaling() {
    }

    /** A copy of {@code source} whose longer side is at most {@code maxSide} pixels; smaller pictures keep their size. */
    public static BufferedImage fitWithin(BufferedImage source, int maxSide, Quality quality) {
        double factor = Math.min(1.0, maxSide / (double) Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = scaled.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, quality == Quality.BEST
                    ? RenderingHints.VALUE_INTERPOLATION_BICUBIC : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            if (quality == Quality.BEST) {
                graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            }
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return scaled;
    }
}
