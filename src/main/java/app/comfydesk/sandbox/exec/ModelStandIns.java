package app.comfydesk.sandbox.exec;

import static app.comfydesk.sandbox.exec.ImageNodes.one;

import app.comfydesk.sandbox.exec.Values.Conditioning;
import app.comfydesk.sandbox.exec.Values.Images;
import app.comfydesk.sandbox.exec.Values.Latent;
import app.comfydesk.sandbox.exec.Values.Masks;
import app.comfydesk.sandbox.exec.Values.ModelRef;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The model pipeline, which cannot run here: loaders and encoders pass descriptions along, samplers paint the
 * {@link StandInRenderer} picture. Input names and ranges follow ComfyUI's core nodes.
 */
final class ModelStandIns {

    private static final BigInteger MAX_SEED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final int MAX_SIDE = 16384;

    private ModelStandIns() {
    }

    static void register(NodeTypes r) {
        r.add("CheckpointLoaderSimple", c -> {
            String name = c.string("ckpt_name");
            return new Object[] {model("MODEL", name), model("CLIP", name), model("VAE", name)};
        });
        r.add("UNETLoader", c -> one(model("MODEL", c.string("unet_name") + " " + c.text("weight_dtype"))));
        r.add("CLIPLoader", c -> one(model("CLIP", c.string("clip_name") + " " + c.text("type"))));
        r.add("DualCLIPLoader", c -> one(model("CLIP", c.string("clip_name1") + " + " + c.string("clip_name2"))));
        r.add("TripleCLIPLoader", c -> one(model("CLIP", c.string("clip_name1") + " + " + c.string("clip_name2")
                + " + " + c.string("clip_name3"))));
        r.add("VAELoader", c -> one(model("VAE", c.string("vae_name"))));
        r.add("LoraLoader", c -> {
            String lora = c.string("lora_name");
            double sm = c.number("strength_model", -100, 100);
            double sc = c.number("strength_clip", -100, 100);
            return new Object[] {extend(c, "model", "MODEL", "lora " + lora + "@" + sm),
                extend(c, "clip", "CLIP", "lora " + lora + "@" + sc)};
        });
        r.add("LoraLoaderModelOnly", c -> one(extend(c, "model", "MODEL",
                "lora " + c.string("lora_name") + "@" + c.number("strength_model", -100, 100))));
        r.add("CLIPSetLastLayer", c -> one(extend(c, "clip", "CLIP",
                "layer " + c.integer("stop_at_clip_layer", -24, -1))));
        for (String sampling : List.of("ModelSamplingFlux", "ModelSamplingSD3", "ModelSamplingAuraFlow",
                "ModelSamplingDiscrete")) {
            r.add(sampling, c -> one(extend(c, "model", "MODEL", sampling)));
        }
        r.add("CLIPTextEncode", c -> {
            ModelRef clip = c.linked("clip", ModelRef.class, "CLIP");
            return one(new Conditioning(c.string("text"), clip.description()));
        });
        r.add("FluxGuidance", c -> {
            Conditioning in = c.linked("conditioning", Conditioning.class, "CONDITIONING");
            return one(new Conditioning(in.text(), in.modifiers() + " guidance " + c.number("guidance", 0, 100)));
        });
        r.add("ConditioningZeroOut", c -> one(new Conditioning("",
                c.linked("conditioning", Conditioning.class, "CONDITIONING").modifiers() + " zero")));
        r.add("ConditioningCombine", c -> {
            Conditioning a = c.linked("conditioning_1", Conditioning.class, "CONDITIONING");
            Conditioning b = c.linked("conditioning_2", Conditioning.class, "CONDITIONING");
            return one(new Conditioning((a.text() + " " + b.text()).trim(), a.modifiers() + " " + b.modifiers()));
        });
        r.add("CLIPTextEncodeSDXL", c -> {
            ModelRef clip = c.linked("clip", ModelRef.class, "CLIP");
            return one(new Conditioning((c.string("text_g") + " " + c.string("text_l")).trim(),
                    clip.description() + " sdxl " + c.integer("width", 0, MAX_SIDE) + "x"
                            + c.integer("height", 0, MAX_SIDE)));
        });
        r.add("ControlNetLoader", c -> one(model("CONTROL_NET", c.string("control_net_name"))));
        r.add("ControlNetApply", c -> {
            Conditioning in = c.linked("conditioning", Conditioning.class, "CONDITIONING");
            c.images("image");
            return one(controlled(in, c.linked("control_net", ModelRef.class, "CONTROL_NET"),
                    c.number("strength", 0, 10)));
        });
        r.add("ControlNetApplyAdvanced", c -> {
            ModelRef net = c.linked("control_net", ModelRef.class, "CONTROL_NET");
            c.images("image");
            double strength = c.number("strength", 0, 10);
            return new Object[] {
                controlled(c.linked("positive", Conditioning.class, "CONDITIONING"), net, strength),
                controlled(c.linked("negative", Conditioning.class, "CONDITIONING"), net, strength)};
        });
        registerCustomSampling(r);
        r.add("UpscaleModelLoader", c -> one(model("UPSCALE_MODEL", c.string("model_name"))));
        r.add("ImageUpscaleWithModel", c -> {
            // Stand-in for an upscale network: the factor its name promises ("4x-UltraSharp" -> 4), bicubic.
            String name = c.linked("upscale_model", ModelRef.class, "UPSCALE_MODEL").description();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(?:^|[^0-9])([1-8])x|x([1-8])(?:[^0-9]|$)")
                    .matcher(name);
            int factor = m.find() ? Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)) : 4;
            Images images = c.images("image");
            List<Picture> out = new ArrayList<>();
            for (Picture p : images.frames()) {
                ImageNodes.checkSize((long) p.width() * factor, (long) p.height() * factor, images.frames().size());
                out.add(Resampler.resize(p, p.width() * factor, p.height() * factor, "bicubic"));
            }
            return one(new Images(out));
        });
        r.add("EmptyLatentImage", ModelStandIns::emptyLatent);
        r.add("EmptySD3LatentImage", ModelStandIns::emptyLatent);
        r.add("KSampler", c -> sample(c, c.bigInteger("seed"), c.number("denoise", 0, 1)));
        r.add("KSamplerAdvanced", c -> {
            c.choice("add_noise", "enable", "disable");
            long steps = c.integer("steps", 1, 10000);
            long start = c.integer("start_at_step", 0, 10000);
            long end = Math.min(steps, c.integer("end_at_step", 0, 10000));
            double denoise = end <= start ? 0 : (double) (end - start) / steps;
            return sample(c, c.bigInteger("noise_seed"), denoise);
        });
        r.add("VAEDecode", c -> {
            Latent latent = c.linked("samples", Latent.class, "LATENT");
            c.linked("vae", ModelRef.class, "VAE");
            if (!latent.isEmpty()) {
                return one(new Images(latent.pictures()));
            }
            List<Picture> grey = new ArrayList<>();
            for (int i = 0; i < latent.batch(); i++) {
                Picture p = Picture.blank(latent.width(), latent.height());
                java.util.Arrays.fill(p.rgb(), 0.5f); // what decoding an all-zero latent roughly looks like
                grey.add(p);
            }
            return one(new Images(grey));
        });
        r.add("VAEEncode", c -> {
            Images pixels = c.images("pixels");
            c.linked("vae", ModelRef.class, "VAE");
            List<Picture> cropped = new ArrayList<>();
            for (Picture p : pixels.frames()) {
                // ComfyUI's VAEEncode crops to a multiple of 8, centred.
                int w = Math.max(8, p.width() / 8 * 8);
                int h = Math.max(8, p.height() / 8 * 8);
                cropped.add(w > p.width() || h > p.height() ? Resampler.resize(p, w, h, "bilinear")
                        : Resampler.crop(p, (p.width() - w) / 2, (p.height() - h) / 2, w, h));
            }
            return one(new Latent(cropped.get(0).width(), cropped.get(0).height(), cropped.size(), cropped));
        });
        r.add("VAEEncodeForInpaint", c -> {
            Images pixels = c.images("pixels");
            c.linked("vae", ModelRef.class, "VAE");
            List<Mask> masks = c.linked("mask", Masks.class, "MASK").frames();
            c.integer("grow_mask_by", 0, 64);
            List<Picture> filled = new ArrayList<>();
            for (int i = 0; i < pixels.frames().size(); i++) {
                Picture p = pixels.frames().get(i);
                Mask m = masks.isEmpty() ? null : masks.get(Math.min(i, masks.size() - 1));
                float[] rgb = p.rgb().clone();
                if (m != null) {
                    // As ComfyUI does before encoding: the area to repaint becomes neutral grey.
                    for (int y = 0; y < p.height(); y++) {
                        for (int x = 0; x < p.width(); x++) {
                            int mx = x * m.width() / p.width();
                            int my = y * m.height() / p.height();
                            if (m.get(mx, my) > 0.5f) {
                                int o = (y * p.width() + x) * 3;
                                rgb[o] = 0.5f;
                                rgb[o + 1] = 0.5f;
                                rgb[o + 2] = 0.5f;
                            }
                        }
                    }
                }
                filled.add(new Picture(p.width(), p.height(), rgb));
            }
            return one(new Latent(filled.get(0).width(), filled.get(0).height(), filled.size(), filled));
        });
        r.add("SetLatentNoiseMask", c -> {
            c.linked("mask", Masks.class, "MASK");
            return one(c.linked("samples", Latent.class, "LATENT"));
        });
        r.add("LatentUpscale", c -> {
            Latent in = c.linked("samples", Latent.class, "LATENT");
            String method = c.choice("upscale_method", "nearest-exact", "bilinear", "area", "bicubic", "bislerp");
            int width = c.intValue("width", 0, MAX_SIDE);
            int height = c.intValue("height", 0, MAX_SIDE);
            c.choice("crop", "disabled", "center");
            if (width == 0 && height == 0) {
                return one(in);
            }
            if (width == 0) {
                width = Math.max(64, (int) Math.round(in.width() * (double) height / in.height()));
            } else if (height == 0) {
                height = Math.max(64, (int) Math.round(in.height() * (double) width / in.width()));
            }
            return one(scaleLatent(in, width / 8 * 8, height / 8 * 8, method));
        });
        r.add("LatentUpscaleBy", c -> {
            Latent in = c.linked("samples", Latent.class, "LATENT");
            String method = c.choice("upscale_method", "nearest-exact", "bilinear", "area", "bicubic", "bislerp");
            double scale = c.number("scale_by", 0.01, 8);
            int w = (int) Math.round(in.width() / 8.0 * scale) * 8;
            int h = (int) Math.round(in.height() / 8.0 * scale) * 8;
            return one(scaleLatent(in, Math.max(8, w), Math.max(8, h), method));
        });
    }

    private static Conditioning controlled(Conditioning in, ModelRef net, double strength) {
        return new Conditioning(in.text(), in.modifiers() + " controlnet " + net.description() + "@" + strength);
    }

    private static ModelRef model(String kind, String description) {
        return new ModelRef(kind, description);
    }

    private static ModelRef extend(NodeCall c, String input, String kind, String change) {
        ModelRef in = c.linked(input, ModelRef.class, kind);
        return new ModelRef(kind, in.description() + " + " + change);
    }

    private static Object[] emptyLatent(NodeCall c) {
        int width = c.intValue("width", 16, MAX_SIDE);
        int height = c.intValue("height", 16, MAX_SIDE);
        int batch = c.intValue("batch_size", 1, 4096);
        int w = width / 8 * 8; // a latent is 1/8 of the pixels, so that is what decodes back
        int h = height / 8 * 8;
        ImageNodes.checkSize(w, h, batch);
        return one(new Latent(w, h, batch, null));
    }

    private static Latent scaleLatent(Latent in, int width, int height, String method) {
        ImageNodes.checkSize(width, height, in.batch());
        if (in.isEmpty()) {
            return new Latent(width, height, in.batch(), null);
        }
        String pixelMethod = method.equals("bislerp") ? "bilinear" : method;
        List<Picture> out = new ArrayList<>();
        for (Picture p : in.pictures()) {
            out.add(Resampler.resize(p, width, height, pixelMethod));
        }
        return new Latent(width, height, in.batch(), out);
    }

    private static Object[] sample(NodeCall c, BigInteger seed, double denoise) {
        ModelRef model = c.linked("model", ModelRef.class, "MODEL");
        long steps = c.integer("steps", 1, 10000);
        double cfg = c.number("cfg", 0, 100);
        String sampler = c.string("sampler_name");
        String scheduler = c.string("scheduler");
        Conditioning positive = c.linked("positive", Conditioning.class, "CONDITIONING");
        Conditioning negative = c.linked("negative", Conditioning.class, "CONDITIONING");
        Latent latent = c.linked("latent_image", Latent.class, "LATENT");
        return one(render(new Sampling(model, seed, steps, cfg, sampler, scheduler, denoise, positive, negative),
                latent));
    }

    /** Everything a sampler node decides, whichever node (KSampler, SamplerCustom, ...) gathered it. */
    private record Sampling(ModelRef model, BigInteger seed, long steps, double cfg, String sampler, String scheduler,
                            double denoise, Conditioning positive, Conditioning negative) {
    }

    private static Latent render(Sampling s, Latent latent) {
        if (s.seed().signum() < 0 || s.seed().compareTo(MAX_SEED) > 0) {
            throw new NodeCall.InputProblem("the seed " + s.seed() + " is outside 0 .. 18446744073709551615");
        }
        List<Picture> out = new ArrayList<>();
        for (int i = 0; i < latent.batch(); i++) {
            BigInteger batchSeed = s.seed().add(BigInteger.valueOf(i)).and(MAX_SEED);
            Picture fresh = StandInRenderer.render(new StandInRenderer.Params(latent.width(), latent.height(),
                    batchSeed, s.steps(), s.cfg(), s.sampler(), s.scheduler(), s.denoise(), s.positive().text(),
                    s.negative().text(), s.model().description() + " | " + s.positive().modifiers()));
            if (!latent.isEmpty() && s.denoise() < 1) {
                fresh = blend(latent.pictures().get(Math.min(i, latent.pictures().size() - 1)), fresh, s.denoise());
            }
            out.add(fresh);
        }
        return new Latent(latent.width(), latent.height(), latent.batch(), out);
    }

    /** The custom-sampling family: samplers, sigmas, noise and guiders as values, then one sampler node. */
    private static void registerCustomSampling(NodeTypes r) {
        r.add("KSamplerSelect", c -> one(model("SAMPLER", c.string("sampler_name"))));
        r.add("BasicScheduler", c -> {
            c.linked("model", ModelRef.class, "MODEL");
            return one(new Sigmas(c.integer("steps", 1, 10000), c.string("scheduler"), c.number("denoise", 0, 1)));
        });
        r.add("RandomNoise", c -> one(new Noise(c.bigInteger("noise_seed"))));
        r.add("BasicGuider", c -> {
            Conditioning conditioning = c.linked("conditioning", Conditioning.class, "CONDITIONING");
            return one(new Guider(c.linked("model", ModelRef.class, "MODEL"), conditioning,
                    new Conditioning("", ""), 1.0));
        });
        r.add("CFGGuider", c -> one(new Guider(c.linked("model", ModelRef.class, "MODEL"),
                c.linked("positive", Conditioning.class, "CONDITIONING"),
                c.linked("negative", Conditioning.class, "CONDITIONING"), c.number("cfg", 0, 100))));
        r.add("SamplerCustom", c -> {
            Sigmas sigmas = c.linked("sigmas", Sigmas.class, "SIGMAS");
            Latent out = render(new Sampling(c.linked("model", ModelRef.class, "MODEL"), c.bigInteger("noise_seed"),
                    sigmas.steps(), c.number("cfg", 0, 100), c.linked("sampler", ModelRef.class, "SAMPLER")
                    .description(), sigmas.scheduler(), sigmas.denoise(),
                    c.linked("positive", Conditioning.class, "CONDITIONING"),
                    c.linked("negative", Conditioning.class, "CONDITIONING")),
                    c.linked("latent_image", Latent.class, "LATENT"));
            return new Object[] {out, out};
        });
        r.add("SamplerCustomAdvanced", c -> {
            Sigmas sigmas = c.linked("sigmas", Sigmas.class, "SIGMAS");
            Guider guider = c.linked("guider", Guider.class, "GUIDER");
            Latent out = render(new Sampling(guider.model(), c.linked("noise", Noise.class, "NOISE").seed(),
                    sigmas.steps(), guider.cfg(), c.linked("sampler", ModelRef.class, "SAMPLER").description(),
                    sigmas.scheduler(), sigmas.denoise(), guider.positive(), guider.negative()),
                    c.linked("latent_image", Latent.class, "LATENT"));
            return new Object[] {out, out};
        });
    }

    /** SIGMAS: the schedule a custom sampler follows. */
    record Sigmas(long steps, String scheduler, double denoise) {
    }

    /** NOISE: the seed of the initial noise. */
    record Noise(BigInteger seed) {
    }

    /** GUIDER: model and conditioning bundled for SamplerCustomAdvanced. */
    record Guider(ModelRef model, Conditioning positive, Conditioning negative, double cfg) {
    }

    /** img2img stand-in: keep {@code 1 - denoise} of the input picture under the new one. */
    private static Picture blend(Picture base, Picture fresh, double denoise) {
        Picture b = base.width() == fresh.width() && base.height() == fresh.height() ? base
                : Resampler.resize(base, fresh.width(), fresh.height(), "bilinear");
        float d = (float) denoise;
        float[] out = new float[fresh.rgb().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = d * fresh.rgb()[i] + (1 - d) * b.rgb()[i];
        }
        return new Picture(fresh.width(), fresh.height(), out);
    }
}
