package app.comfydesk.sandbox.exec;

/**
 * ImageBlur and ImageSharpen as ComfyUI computes them: a Gaussian kernel sampled on {@code linspace(-1, 1, 2r+1)}
 * (so sigma is relative to the radius), normalised, applied over a reflect-padded image. The 2-D kernel is the
 * outer product of one 1-D kernel, so it is applied along rows then columns.
 */
final class Filters {

    private Filters() {
    }

    static float[] gaussian1d(int radius, double sigma) {
        int size = radius * 2 + 1;
        float[] k = new float[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double x = size == 1 ? 0 : -1.0 + 2.0 * i / (size - 1);
            k[i] = (float) Math.exp(-(x * x) / (2.0 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] = (float) (k[i] / sum);
        }
        return k;
    }

    static Picture blur(Picture in, int radius, double sigma) {
        float[] k = gaussian1d(radius, sigma);
        int w = in.width();
        int h = in.height();
        float[] src = in.rgb();
        float[] rows = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    float s = 0f;
                    for (int j = -radius; j <= radius; j++) {
                        s += k[j + radius] * src[(y * w + reflect(x + j, w)) * 3 + c];
                    }
                    rows[(y * w + x) * 3 + c] = s;
                }
            }
        }
        float[] out = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    float s = 0f;
                    for (int j = -radius; j <= radius; j++) {
                        s += k[j + radius] * rows[(reflect(y + j, h) * w + x) * 3 + c];
                    }
                    out[(y * w + x) * 3 + c] = s;
                }
            }
        }
        return new Picture(w, h, out);
    }

    /**
     * ComfyUI's sharpen kernel is {@code -10·alpha·G} with its centre raised so the kernel sums to 1, i.e.
     * {@code (1 + 10·alpha)·x − 10·alpha·blur(x)}, clamped to 0..1.
     */
    static Picture sharpen(Picture in, int radius, double sigma, double alpha) {
        Picture blurred = blur(in, radius, sigma);
        float amount = (float) (alpha * 10);
        float[] out = new float[in.rgb().length];
        for (int i = 0; i < out.length; i++) {
            float v = (1f + amount) * in.rgb()[i] - amount * blurred.rgb()[i];
            out[i] = Math.max(0f, Math.min(1f, v));
        }
        return new Picture(in.width(), in.height(), out);
    }

    /** torch's 'reflect' padding (the edge pixel is not repeated), folded as often as needed for tiny images. */
    static int reflect(int i, int size) {
        if (size == 1) {
            return 0;
        }
        int period = 2 * (size - 1);
        int m = Math.floorMod(i, period);
        return m < size ? m : period - m;
    }
}
