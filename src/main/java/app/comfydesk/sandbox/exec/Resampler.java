package app.comfydesk.sandbox.exec;

import java.util.List;

/**
 * Resizing as ComfyUI's {@code common_upscale} does it, per axis (all its methods are separable): torch's
 * {@code nearest-exact}, {@code bilinear} and {@code bicubic} (A = -0.75) without antialiasing, {@code area} as
 * adaptive average pooling, and {@code lanczos} as Pillow's Lanczos-3 (antialiased when shrinking, on 8-bit values).
 */
final class Resampler {

    static final List<String> METHODS = List.of("nearest-exact", "bilinear", "area", "bicubic", "lanczos");

    private Resampler() {
    }

    /** Weights of one output position along one axis: {@code value = Σ weights[k] · in[first + k]}. */
    private record Tap(int first, float[] weights) {
    }

    static Picture resize(Picture in, int width, int height, String method) {
        if (width == in.width() && height == in.height()) {
            return in;
        }
        Picture source = in;
        if (method.equals("lanczos")) {
            source = quantize(in); // ComfyUI hands Pillow 8-bit pixels for lanczos
        }
        Tap[] xs = taps(in.width(), width, method);
        Tap[] ys = taps(in.height(), height, method);
        float[] src = source.rgb();
        int inW = in.width();
        float[] horizontal = new float[width * in.height() * 3];
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < width; x++) {
                Tap t = xs[x];
                for (int c = 0; c < 3; c++) {
                    float sum = 0f;
                    for (int k = 0; k < t.weights.length; k++) {
                        sum += t.weights[k] * src[(y * inW + t.first + k) * 3 + c];
                    }
                    horizontal[(y * width + x) * 3 + c] = sum;
                }
            }
        }
        float[] out = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            Tap t = ys[y];
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    float sum = 0f;
                    for (int k = 0; k < t.weights.length; k++) {
                        sum += t.weights[k] * horizontal[((t.first + k) * width + x) * 3 + c];
                    }
                    out[(y * width + x) * 3 + c] = sum;
                }
            }
        }
        Picture result = new Picture(width, height, out);
        return method.equals("lanczos") ? quantize(result) : result;
    }

    /** ImageScale's {@code crop: center}: cut the source to the target aspect ratio before resizing. */
    static Picture centerCropToAspect(Picture in, int width, int height) {
        double oldAspect = (double) in.width() / in.height();
        double newAspect = (double) width / height;
        int x = 0;
        int y = 0;
        if (oldAspect > newAspect) {
            x = (int) Math.round((in.width() - in.width() * (newAspect / oldAspect)) / 2);
        } else if (oldAspect < newAspect) {
            y = (int) Math.round((in.height() - in.height() * (oldAspect / newAspect)) / 2);
        }
        return crop(in, x, y, in.width() - 2 * x, in.height() - 2 * y);
    }

    static Picture crop(Picture in, int x, int y, int width, int height) {
        float[] out = new float[width * height * 3];
        for (int row = 0; row < height; row++) {
            System.arraycopy(in.rgb(), ((y + row) * in.width() + x) * 3, out, row * width * 3, width * 3);
        }
        return new Picture(width, height, out);
    }

    private static Picture quantize(Picture in) {
        float[] out = new float[in.rgb().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(Math.min(255f, Math.max(0f, 255f * in.rgb()[i]))) / 255f;
        }
        return new Picture(in.width(), in.height(), out);
    }

    private static Tap[] taps(int in, int out, String method) {
        Tap[] taps = new Tap[out];
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            taps[i] = switch (method) {
                case "nearest-exact" -> new Tap(Math.min((int) Math.floor((i + 0.5) * scale), in - 1),
                        new float[] {1f});
                case "bilinear" -> bilinear(i, in, scale);
                case "bicubic" -> bicubic(i, in, scale);
                case "area" -> area(i, in, out);
                case "lanczos" -> lanczos(i, in, scale);
                default -> throw new IllegalArgumentException("unknown upscale method " + method);
            };
        }
        return taps;
    }

    private static Tap bilinear(int i, int in, double scale) {
        double src = Math.max(0, scale * (i + 0.5) - 0.5);
        int i0 = Math.min((int) Math.floor(src), in - 1);
        int i1 = Math.min(i0 + 1, in - 1);
        float l1 = (float) (src - i0);
        if (i1 == i0) {
            return new Tap(i0, new float[] {1f});
        }
        return new Tap(i0, new float[] {1f - l1, l1});
    }

    private static Tap bicubic(int i, int in, double scale) {
        double src = scale * (i + 0.5) - 0.5;
        int i0 = (int) Math.floor(src);
        double t = src - i0;
        double a = -0.75;
        double[] w = {
            ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a,
            ((a + 2) * t - (a + 3)) * t * t + 1,
            ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1,
            ((a * (2 - t) - 5 * a) * (2 - t) + 8 * a) * (2 - t) - 4 * a,
        };
        // Border taps clamp to the edge pixel, so fold their weights onto the clamped positions.
        int first = Math.max(0, Math.min(i0 - 1, in - 1));
        int last = Math.max(0, Math.min(i0 + 2, in - 1));
        float[] weights = new float[last - first + 1];
        for (int k = 0; k < 4; k++) {
            int idx = Math.max(0, Math.min(i0 - 1 + k, in - 1));
            weights[idx - first] += (float) w[k];
        }
        return new Tap(first, weights);
    }

    private static Tap area(int i, int in, int out) {
        int start = (int) Math.floor((double) i * in / out);
        int end = (int) Math.ceil((double) (i + 1) * in / out);
        float[] weights = new float[end - start];
        java.util.Arrays.fill(weights, 1f / weights.length);
        return new Tap(start, weights);
    }

    private static Tap lanczos(int i, int in, double scale) {
        double filterScale = Math.max(scale, 1.0);
        double support = 3.0 * filterScale;
        double center = (i + 0.5) * scale;
        int first = Math.max((int) (center - support + 0.5), 0);
        int last = Math.min((int) (center + support + 0.5), in);
        float[] weights = new float[Math.max(1, last - first)];
        double total = 0;
        for (int k = 0; k < last - first; k++) {
            double w = lanczos3((first + k - center + 0.5) / filterScale);
            weights[k] = (float) w;
            total += w;
        }
        if (total != 0) {
            for (int k = 0; k < weights.length; k++) {
                weights[k] /= (float) total;
            }
        } else {
            weights[0] = 1f;
        }
        return new Tap(Math.min(first, in - 1), weights);
    }

    private static double lanczos3(double x) {
        if (x == 0) {
            return 1;
        }
        if (x <= -3 || x >= 3) {
            return 0;
        }
        double px = Math.PI * x;
        return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
    }
}
