package app.comfydesk.sandbox.exec;

/** A ComfyUI MASK: height × width floats in 0..1, 1 meaning "use the source" in compositing. */
public record Mask(int width, int height, float[] values) {

    public Mask {
        if (values.length != width * height) {
            throw new IllegalArgumentException("mask data does not match " + width + "x" + height);
        }
    }

    public static Mask filled(int width, int height, float value) {
        float[] v = new float[width * height];
        java.util.Arrays.fill(v, value);
        return new Mask(width, height, v);
    }

    public float get(int x, int y) {
        return values[y * width + x];
    }
}
