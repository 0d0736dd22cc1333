package app.comfydesk.sandbox.exec;

import java.awt.image.BufferedImage;

/**
 * One image as ComfyUI holds it: height × width × RGB, float32 in 0..1, interleaved. Keeping ComfyUI's own number
 * format (rather than 8-bit pixels) makes each node's arithmetic, and its rounding, match ComfyUI's.
 */
public record Picture(int width, int height, float[] rgb) {

    public Picture {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image needs a positive size, was " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("pixel data does not match " + width + "x" + height);
        }
    }

    public static Picture blank(int width, int height) {
        return new Picture(width, height, new float[width * height * 3]);
    }

    /** Reads 8-bit RGB as LoadImage does ({@code value / 255}); alpha is dropped (it becomes the mask). */
    public static Picture of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] rgb = new float[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            rgb[i * 3] = ((p >> 16) & 0xFF) / 255f;
            rgb[i * 3 + 1] = ((p >> 8) & 0xFF) / 255f;
            rgb[i * 3 + 2] = (p & 0xFF) / 255f;
        }
        return new Picture(w, h, rgb);
    }

    /** Converts to 8 bits as SaveImage does: {@code clip(255 * v, 0, 255)} truncated, not rounded. */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (to8Bit(rgb[i * 3]) << 16) | (to8Bit(rgb[i * 3 + 1]) << 8) | to8Bit(rgb[i * 3 + 2]);
        }
        out.setRGB(0, 0, width, height, argb, 0, width);
        return out;
    }

    public float get(int x, int y, int channel) {
        return rgb[(y * width + x) * 3 + channel];
    }

    static int to8Bit(float value) {
        float scaled = 255f * value;
        if (!(scaled > 0f)) {
            return 0; // also NaN
        }
        return scaled >= 255f ? 255 : (int) scaled;
    }
}
