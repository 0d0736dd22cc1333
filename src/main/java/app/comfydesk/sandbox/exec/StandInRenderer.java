package app.comfydesk.sandbox.exec;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The honest stand-in for a diffusion model: a deterministic abstract picture whose layout comes from the seed,
 * whose palette comes from the prompt and model, whose detail grows with steps and whose contrast and saturation
 * follow cfg; the prompt is written on it with a "SANDBOX" mark, so nobody mistakes it for a real generation.
 * Same parameters, same pixels; any change to them changes the picture visibly.
 */
final class StandInRenderer {

    /** Everything a sampler run depends on. */
    record Params(int width, int height, BigInteger seed, long steps, double cfg, String sampler, String scheduler,
                  double denoise, String positive, String negative, String model) {
    }

    private StandInRenderer() {
    }

    static Picture render(Params p) {
        SplittableRandom layout = new SplittableRandom(hash("seed", p.seed().toString()));
        SplittableRandom styleRandom = new SplittableRandom(hash("style", p.positive(), p.negative(), p.model(),
                p.sampler(), p.scheduler()));
        float baseHue = (float) styleRandom.nextDouble();
        float hueSpread = 0.15f + (float) styleRandom.nextDouble() * 0.5f;
        float negativeHue = (float) new SplittableRandom(hash("negative", p.negative())).nextDouble();
        float saturation = (float) Math.max(0.12, Math.min(1.0, p.cfg() / 9.0));
        double contrast = 0.6 + Math.min(p.cfg(), 30) / 10.0;
        int blobs = (int) Math.min(24, 3 + p.steps() / 3);
        double detail = 1.0 + Math.min(p.steps(), 150) / 12.0;

        double[] bx = new double[blobs];
        double[] by = new double[blobs];
        double[] br = new double[blobs];
        double[] ba = new double[blobs];
        for (int i = 0; i < blobs; i++) {
            bx[i] = layout.nextDouble();
            by[i] = layout.nextDouble();
            br[i] = 0.05 + layout.nextDouble() * 0.3;
            ba[i] = layout.nextDouble() * 2 - 1;
        }
        double waveAngle = layout.nextDouble() * Math.PI;
        double wavePhase = layout.nextDouble() * Math.PI * 2;
        double fx = Math.cos(waveAngle) * detail;
        double fy = Math.sin(waveAngle) * detail;

        int w = p.width();
        int h = p.height();
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            double v = (y + 0.5) / h;
            for (int x = 0; x < w; x++) {
                double u = (x + 0.5) / w;
                double field = 0;
                for (int i = 0; i < blobs; i++) {
                    double dx = u - bx[i];
                    double dy = v - by[i];
                    field += ba[i] * Math.exp(-(dx * dx + dy * dy) / (br[i] * br[i]));
                }
                field += 0.25 * Math.sin((u * fx + v * fy) * Math.PI * 2 + wavePhase);
                double t = Math.tanh(field * contrast);
                float hue = t < -0.55 ? negativeHue : baseHue + (float) t * hueSpread;
                float brightness = (float) (0.55 + 0.4 * t);
                argb[y * w + x] = Color.HSBtoRGB(hue, saturation, Math.max(0.05f, Math.min(1f, brightness)));
            }
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, argb, 0, w);
        annotate(image, p);
        return Picture.of(image);
    }

    private static void annotate(BufferedImage image, Params p) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w < 96 || h < 64) {
            return; // too small for legible text; the pattern alone still depends on every parameter
        }
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int size = Math.max(10, Math.min(w, h) / 24);
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, size);
            Font bold = font.deriveFont(Font.BOLD);
            g.setFont(bold);
            FontMetrics bm = g.getFontMetrics();
            String mark = "SANDBOX";
            int pad = size / 2;
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.6f));
            g.setColor(Color.BLACK);
            g.fillRect(pad, pad, bm.stringWidth(mark) + pad * 2, bm.getHeight() + pad / 2);
            g.setComposite(AlphaComposite.SrcOver);
            g.setColor(Color.WHITE);
            g.drawString(mark, pad * 2, pad + bm.getAscent() + pad / 4);

            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            Font small = font.deriveFont(size * 0.8f);
            FontMetrics sm = g.getFontMetrics(small);
            List<String> lines = wrap(p.positive().isBlank() ? "(empty prompt)" : p.positive(), fm, w - pad * 4, 3);
            String caption = "seed " + p.seed() + " · " + p.steps() + " steps · cfg " + trim(p.cfg()) + " · "
                    + p.sampler() + (p.denoise() < 1 ? " · denoise " + trim(p.denoise()) : "");
            List<String> captionLines = wrap(caption, sm, w - pad * 4, 2);
            int bandHeight = fm.getHeight() * lines.size() + sm.getHeight() * captionLines.size() + pad * 2;
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.55f));
            g.setColor(Color.BLACK);
            g.fillRect(0, h - bandHeight, w, bandHeight);
            g.setComposite(AlphaComposite.SrcOver);
            int y = h - bandHeight + pad + fm.getAscent();
            g.setColor(Color.WHITE);
            for (String line : lines) {
                g.drawString(line, pad * 2, y);
                y += fm.getHeight();
            }
            g.setFont(small);
            g.setColor(new Color(0xCCCCCC));
            y += sm.getAscent() - fm.getAscent();
            for (String line : captionLines) {
                g.drawString(line, pad * 2, y);
                y += sm.getHeight();
            }
        } finally {
            g.dispose();
        }
    }

    private static List<String> wrap(String text, FontMetrics fm, int maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (fm.stringWidth(candidate) <= maxWidth || line.isEmpty()) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        if (lines.size() > maxLines) {
            List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
            kept.set(maxLines - 1, kept.get(maxLines - 1) + " …");
            return kept;
        }
        return lines;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static long hash(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            byte[] d = sha.digest();
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xFF);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
