package app.comfydesk.sandbox.exec;

import app.comfydesk.sandbox.exec.Values.Images;
import app.comfydesk.sandbox.exec.Values.Masks;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/** ComfyUI's core image nodes, run for real with the same input names and semantics. */
final class ImageNodes {

    private static final int MAX_SIDE = 16384;

    private ImageNodes() {
    }

    static void register(NodeTypes r) {
        r.add("LoadImage", ImageNodes::loadImage);
        r.add("EmptyImage", ImageNodes::emptyImage);
        r.add("ImageScale", ImageNodes::imageScale);
        r.add("ImageScaleBy", ImageNodes::imageScaleBy);
        r.add("ImageInvert", c -> each(c, ImageNodes::invert));
        r.add("ImageBlur", c -> {
            int radius = c.intValue("blur_radius", 0, 31);
            double sigma = c.number("sigma", 0.1, 10);
            return radius == 0 ? one(c.images("image")) : each(c, p -> Filters.blur(p, radius, sigma));
        });
        r.add("ImageSharpen", c -> {
            int radius = c.intValue("sharpen_radius", 0, 31);
            double sigma = c.number("sigma", 0.1, 10);
            double alpha = c.number("alpha", 0, 5);
            return radius == 0 ? one(c.images("image")) : each(c, p -> Filters.sharpen(p, radius, sigma, alpha));
        });
        r.add("ImageCrop", ImageNodes::imageCrop);
        r.add("ImageFlip", c -> {
            boolean vertically = c.choice("flip_method", "x-axis: vertically", "y-axis: horizontally")
                    .startsWith("x");
            return each(c, p -> flip(p, vertically));
        });
        r.add("ImageRotate", c -> {
            String rotation = c.choice("rotation", "none", "90 degrees", "180 degrees", "270 degrees");
            int quarterTurns = rotation.equals("none") ? 0 : Integer.parseInt(rotation.split(" ")[0]) / 90;
            return each(c, p -> rotateClockwise(p, quarterTurns));
        });
        r.add("ImageCompositeMasked", ImageNodes::compositeMasked);
        r.add("SolidMask", c -> {
            float value = (float) c.number("value", 0, 1);
            return one(new Masks(List.of(Mask.filled(c.intValue("width", 1, MAX_SIDE),
                    c.intValue("height", 1, MAX_SIDE), value))));
        });
        r.add("InvertMask", c -> {
            Masks masks = c.linked("mask", Masks.class, "MASK");
            List<Mask> out = new ArrayList<>();
            for (Mask m : masks.frames()) {
                float[] v = new float[m.values().length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = 1f - m.values()[i];
                }
                out.add(new Mask(m.width(), m.height(), v));
            }
            return one(new Masks(out));
        });
        r.add("MaskToImage", c -> {
            List<Picture> out = new ArrayList<>();
            for (Mask m : c.linked("mask", Masks.class, "MASK").frames()) {
                out.add(grey(m));
            }
            return one(new Images(out));
        });
        r.add("ImageToMask", c -> {
            String channel = c.choice("channel", "red", "green", "blue", "alpha");
            if (channel.equals("alpha")) {
                throw new NodeCall.InputProblem("input \"channel\" is \"alpha\", but IMAGE values have no alpha "
                        + "channel (LoadImage puts alpha in its MASK output); use red, green or blue");
            }
            int index = List.of("red", "green", "blue").indexOf(channel);
            List<Mask> out = new ArrayList<>();
            for (Picture p : c.images("image").frames()) {
                float[] v = new float[p.width() * p.height()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = p.rgb()[i * 3 + index];
                }
                out.add(new Mask(p.width(), p.height(), v));
            }
            return one(new Masks(out));
        });
        r.add("LoadImageMask", c -> {
            BufferedImage image = ImageSources.load(c.string("image"), c.context());
            String channel = c.choice("channel", "alpha", "red", "green", "blue");
            boolean alpha = channel.equals("alpha");
            if (alpha && !image.getColorModel().hasAlpha()) {
                return one(new Masks(List.of(Mask.filled(64, 64, 0f)))); // ComfyUI's answer for a missing channel
            }
            int shift = switch (channel) {
                case "alpha" -> 24;
                case "red" -> 16;
                case "green" -> 8;
                default -> 0;
            };
            int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            float[] v = new float[argb.length];
            for (int i = 0; i < v.length; i++) {
                float value = ((argb[i] >>> shift) & 0xFF) / 255f;
                v[i] = alpha ? 1f - value : value;
            }
            return one(new Masks(List.of(new Mask(image.getWidth(), image.getHeight(), v))));
        });
        r.addOutput("SaveImage", c -> save(c, c.string("filename_prefix"), "output"));
        r.addOutput("PreviewImage", c -> save(c, "ComfyUI_temp_" + randomLetters(5), "temp"));
    }

    static Object[] one(Object value) {
        return new Object[] {value};
    }

    private static Object[] each(NodeCall c, UnaryOperator<Picture> op) {
        List<Picture> out = new ArrayList<>();
        for (Picture p : c.images("image").frames()) {
            out.add(op.apply(p));
        }
        return one(new Images(out));
    }

    static void checkSize(long width, long height, long batch) {
        if (width * height * batch > WorkflowExecutor.MAX_PIXELS) {
            throw new NodeCall.InputProblem("the result would be " + width + "x" + height
                    + (batch > 1 ? " x " + batch + " images" : "") + "; the sandbox renders at most "
                    + WorkflowExecutor.MAX_PIXELS / 1_000_000 + " megapixels per node, so make it smaller");
        }
    }

    private static Object[] loadImage(NodeCall c) throws Exception {
        BufferedImage image = ImageSources.load(c.string("image"), c.context());
        checkSize(image.getWidth(), image.getHeight(), 1);
        Mask mask;
        if (image.getColorModel().hasAlpha()) {
            int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            float[] v = new float[argb.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = 1f - ((argb[i] >>> 24) / 255f);
            }
            mask = new Mask(image.getWidth(), image.getHeight(), v);
        } else {
            mask = Mask.filled(64, 64, 0f); // what ComfyUI returns for an image without alpha
        }
        return new Object[] {new Images(List.of(Picture.of(image))), new Masks(List.of(mask))};
    }

    private static Object[] emptyImage(NodeCall c) {
        int width = c.intValue("width", 1, MAX_SIDE);
        int height = c.intValue("height", 1, MAX_SIDE);
        int batch = c.intValue("batch_size", 1, 4096);
        long color = c.integer("color", 0, 0xFFFFFF);
        checkSize(width, height, batch);
        float r = ((color >> 16) & 0xFF) / 255f;
        float g = ((color >> 8) & 0xFF) / 255f;
        float b = (color & 0xFF) / 255f;
        List<Picture> frames = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            float[] rgb = new float[width * height * 3];
            for (int p = 0; p < width * height; p++) {
                rgb[p * 3] = r;
                rgb[p * 3 + 1] = g;
                rgb[p * 3 + 2] = b;
            }
            frames.add(new Picture(width, height, rgb));
        }
        return one(new Images(frames));
    }

    private static Object[] imageScale(NodeCall c) {
        Images images = c.images("image");
        String method = c.choice("upscale_method", Resampler.METHODS.toArray(String[]::new));
        int width = c.intValue("width", 0, MAX_SIDE);
        int height = c.intValue("height", 0, MAX_SIDE);
        boolean center = c.choice("crop", "disabled", "center").equals("center");
        if (width == 0 && height == 0) {
            return one(images);
        }
        Picture first = images.first();
        if (width == 0) {
            width = Math.max(1, (int) Math.round(first.width() * (double) height / first.height()));
        } else if (height == 0) {
            height = Math.max(1, (int) Math.round(first.height() * (double) width / first.width()));
        }
        checkSize(width, height, images.frames().size());
        int w = width;
        int h = height;
        List<Picture> out = new ArrayList<>();
        for (Picture p : images.frames()) {
            Picture source = center ? Resampler.centerCropToAspect(p, w, h) : p;
            out.add(Resampler.resize(source, w, h, method));
        }
        return one(new Images(out));
    }

    private static Object[] imageScaleBy(NodeCall c) {
        Images images = c.images("image");
        String method = c.choice("upscale_method", Resampler.METHODS.toArray(String[]::new));
        double scale = c.number("scale_by", 0.01, 8);
        List<Picture> out = new ArrayList<>();
        for (Picture p : images.frames()) {
            int w = Math.max(1, (int) Math.round(p.width() * scale));
            int h = Math.max(1, (int) Math.round(p.height() * scale));
            checkSize(w, h, images.frames().size());
            out.add(Resampler.resize(p, w, h, method));
        }
        return one(new Images(out));
    }

    /** {@code 1.0 - image} in float32, exactly as ComfyUI; after 8-bit saving this is not always 255 - v. */
    static Picture invert(Picture p) {
        float[] out = new float[p.rgb().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 1.0f - p.rgb()[i];
        }
        return new Picture(p.width(), p.height(), out);
    }

    private static Object[] imageCrop(NodeCall c) {
        Images images = c.images("image");
        int width = c.intValue("width", 1, MAX_SIDE);
        int height = c.intValue("height", 1, MAX_SIDE);
        int x = c.intValue("x", 0, MAX_SIDE);
        int y = c.intValue("y", 0, MAX_SIDE);
        List<Picture> out = new ArrayList<>();
        for (Picture p : images.frames()) {
            // ComfyUI clamps the corner into the image and lets the slice end at the border.
            int cx = Math.min(x, p.width() - 1);
            int cy = Math.min(y, p.height() - 1);
            int cw = Math.min(width, p.width() - cx);
            int ch = Math.min(height, p.height() - cy);
            out.add(Resampler.crop(p, cx, cy, cw, ch));
        }
        return one(new Images(out));
    }

    static Picture flip(Picture p, boolean vertically) {
        int w = p.width();
        int h = p.height();
        float[] out = new float[p.rgb().length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = vertically ? x : w - 1 - x;
                int sy = vertically ? h - 1 - y : y;
                System.arraycopy(p.rgb(), (sy * w + sx) * 3, out, (y * w + x) * 3, 3);
            }
        }
        return new Picture(w, h, out);
    }

    static Picture rotateClockwise(Picture p, int quarterTurns) {
        Picture current = p;
        for (int turn = 0; turn < quarterTurns; turn++) {
            int w = current.width();
            int h = current.height();
            float[] out = new float[current.rgb().length];
            // The new image is h wide and w tall; its pixel (x, y) comes from source (y, h - 1 - x).
            for (int y = 0; y < w; y++) {
                for (int x = 0; x < h; x++) {
                    System.arraycopy(current.rgb(), ((h - 1 - x) * w + y) * 3, out, (y * h + x) * 3, 3);
                }
            }
            current = new Picture(h, w, out);
        }
        return current;
    }

    private static Object[] compositeMasked(NodeCall c) {
        Images destination = c.images("destination");
        Images source = c.images("source");
        int x = c.intValue("x", 0, MAX_SIDE);
        int y = c.intValue("y", 0, MAX_SIDE);
        boolean resize = c.bool("resize_source");
        List<Mask> masks = c.optionalMasks("mask").map(Masks::frames).orElse(List.of());
        List<Picture> out = new ArrayList<>();
        for (int i = 0; i < destination.frames().size(); i++) {
            Picture dst = destination.frames().get(i);
            Picture src = source.frames().get(Math.min(i, source.frames().size() - 1));
            if (resize) {
                src = Resampler.resize(src, dst.width(), dst.height(), "bilinear");
            }
            Mask mask = masks.isEmpty() ? null : masks.get(Math.min(i, masks.size() - 1));
            if (mask != null && (mask.width() != src.width() || mask.height() != src.height())) {
                mask = resizeMask(mask, src.width(), src.height());
            }
            float[] rgb = dst.rgb().clone();
            for (int sy = 0; sy < src.height() && y + sy < dst.height(); sy++) {
                for (int sx = 0; sx < src.width() && x + sx < dst.width(); sx++) {
                    float m = mask == null ? 1f : mask.get(sx, sy);
                    int d = ((y + sy) * dst.width() + x + sx) * 3;
                    int s = (sy * src.width() + sx) * 3;
                    for (int ch = 0; ch < 3; ch++) {
                        rgb[d + ch] = m * src.rgb()[s + ch] + (1f - m) * rgb[d + ch];
                    }
                }
            }
            out.add(new Picture(dst.width(), dst.height(), rgb));
        }
        return one(new Images(out));
    }

    /** A mask as a grey picture (MaskToImage), also how masks are resized with the picture resampler. */
    private static Picture grey(Mask mask) {
        float[] rgb = new float[mask.values().length * 3];
        for (int i = 0; i < mask.values().length; i++) {
            rgb[i * 3] = mask.values()[i];
            rgb[i * 3 + 1] = mask.values()[i];
            rgb[i * 3 + 2] = mask.values()[i];
        }
        return new Picture(mask.width(), mask.height(), rgb);
    }

    private static Mask resizeMask(Mask mask, int width, int height) {
        Picture resized = Resampler.resize(grey(mask), width, height, "bilinear");
        float[] v = new float[width * height];
        for (int i = 0; i < v.length; i++) {
            v[i] = resized.rgb()[i * 3];
        }
        return new Mask(width, height, v);
    }

    private static Object[] save(NodeCall c, String filenamePrefix, String type) throws Exception {
        Images images = c.images("images");
        Picture first = images.first();
        String prefix = filenamePrefix.replace("%width%", String.valueOf(first.width()))
                .replace("%height%", String.valueOf(first.height()));
        Path normalized = Path.of("out").resolve(prefix.replace('\\', '/')).normalize();
        if (prefix.isBlank() || Path.of(prefix).isAbsolute() || !normalized.startsWith(Path.of("out"))
                || normalized.equals(Path.of("out"))) {
            throw new NodeCall.InputProblem("input \"filename_prefix\" is \"" + filenamePrefix + "\"; saving "
                    + "outside the output folder is not allowed, use a plain name such as \"ComfyUI\"");
        }
        Path relative = Path.of("out").relativize(normalized);
        String subfolder = relative.getParent() == null ? "" : relative.getParent().toString().replace('\\', '/');
        String name = relative.getFileName().toString();
        Map<String, String> text = new LinkedHashMap<>();
        text.put("prompt", PythonJson.dumps(c.prompt()));
        ArrayNode files = JsonNodeFactory.instance.arrayNode();
        for (Picture p : images.frames()) {
            String filename = String.format("%s_%05d_.png", name, c.nextCounter(subfolder, name));
            c.context().storeOutput(subfolder, filename, type, PngWriter.encode(p.toBufferedImage(), text));
            files.addObject().put("filename", filename).put("subfolder", subfolder).put("type", type);
        }
        ObjectNode ui = JsonNodeFactory.instance.objectNode();
        ui.set("images", files);
        return one(new WorkflowExecutor.UiOutput(ui));
    }

    private static String randomLetters(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }
}
