import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The ComfyDesk icon: one source, every format.
 *
 * <pre>
 * java packaging/icons/IconTool.java draw     # Java2D -> assets/icons/comfydesk.png (1024 px, the one source)
 * java packaging/icons/IconTool.java derive   # source -> window-icon PNGs, Linux .png, Windows .ico, macOS .icns
 * </pre>
 *
 * Run from the repository root. A single-file program (no build needed) so it works the same on every OS; the
 * .ico and .icns containers hold PNG entries, which Windows Vista+ and macOS 10.7+ read.
 */
public final class IconTool {

    private static final Path SOURCE = Path.of("assets/icons/comfydesk.png");
    private static final int MASTER = 1024;

    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "derive";
        switch (mode) {
            case "draw" -> ImageIO.write(draw(MASTER), "png", SOURCE.toFile());
            case "derive" -> derive(ImageIO.read(SOURCE.toFile()));
            default -> throw new IllegalArgumentException("usage: IconTool draw|derive");
        }
    }

    /** A rounded square with a violet-to-blue gradient and a three-node graph whose output node sparkles. */
    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        double u = size / 1024.0;
        g.scale(u, u);

        // Body: macOS-style margins (824 px tile in a 1024 canvas) so the icon sits well on every platform.
        RoundRectangle2D tile = new RoundRectangle2D.Double(100, 100, 824, 824, 370, 370);
        g.setPaint(new Color(0, 0, 0, 60));
        g.fill(new RoundRectangle2D.Double(100, 118, 824, 824, 370, 370));
        g.setPaint(new GradientPaint(100, 100, new Color(0x8B5CF6), 924, 924, new Color(0x2563EB)));
        g.fill(tile);
        g.setPaint(new RadialGradientPaint(300f, 240f, 620f, new float[] {0f, 1f},
                new Color[] {new Color(255, 255, 255, 70), new Color(255, 255, 255, 0)}));
        g.fill(tile);

        // Links between the nodes, drawn first so the nodes sit on top.
        g.setStroke(new BasicStroke(34, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setPaint(new Color(255, 255, 255, 215));
        g.draw(new CubicCurve2D.Double(330, 360, 470, 360, 420, 540, 560, 540));
        g.draw(new CubicCurve2D.Double(330, 700, 470, 700, 420, 540, 560, 540));

        // Two input nodes and one output node, like a ComfyUI graph.
        node(g, 210, 300, 200, 120, new Color(0xF5F3FF));
        node(g, 210, 640, 200, 120, new Color(0xF5F3FF));
        node(g, 520, 450, 290, 180, Color.WHITE);
        g.setPaint(new Color(0x7C3AED));
        g.fill(new Ellipse2D.Double(540, 470, 250, 140));

        // The sparkle: the picture that comes out.
        sparkle(g, 665, 540, 62, Color.WHITE);
        sparkle(g, 770, 330, 46, new Color(0xFDE68A));
        g.dispose();
        return image;
    }

    private static void node(Graphics2D g, double x, double y, double w, double h, Color fill) {
        g.setPaint(new Color(30, 27, 75, 70));
        g.fill(new RoundRectangle2D.Double(x, y + 10, w, h, 56, 56));
        g.setPaint(fill);
        g.fill(new RoundRectangle2D.Double(x, y, w, h, 56, 56));
    }

    private static void sparkle(Graphics2D g, double cx, double cy, double r, Color color) {
        Path2D star = new Path2D.Double();
        double k = r * 0.22;
        star.moveTo(cx, cy - r);
        star.quadTo(cx + k, cy - k, cx + r, cy);
        star.quadTo(cx + k, cy + k, cx, cy + r);
        star.quadTo(cx - k, cy + k, cx - r, cy);
        star.quadTo(cx - k, cy - k, cx, cy - r);
        g.setPaint(color);
        g.fill(star);
    }

    private static void derive(BufferedImage source) throws IOException {
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256, 512}) {
            ImageIO.write(scaled(source, size), "png", Path.of("assets/icons/comfydesk-" + size + ".png").toFile());
        }
        ImageIO.write(scaled(source, 512), "png", Path.of("packaging/linux/ComfyDesk.png").toFile());
        writeIco(source, Path.of("packaging/windows/ComfyDesk.ico"), new int[] {16, 20, 24, 32, 40, 48, 64, 256});
        writeIcns(source, Path.of("packaging/macos/ComfyDesk.icns"));
    }

    /** Scales down in halving steps: one big bilinear step from 1024 to 16 would alias badly. */
    static BufferedImage scaled(BufferedImage source, int size) {
        BufferedImage current = source;
        while (current.getWidth() / 2 >= size) {
            current = resize(current, current.getWidth() / 2);
        }
        return current.getWidth() == size ? current : resize(current, size);
    }

    private static BufferedImage resize(BufferedImage image, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** ICONDIR + ICONDIRENTRY table (little endian) followed by PNG images. */
    private static void writeIco(BufferedImage source, Path target, int[] sizes) throws IOException {
        List<byte[]> images = new ArrayList<>();
        for (int size : sizes) {
            images.add(png(scaled(source, size)));
        }
        ByteBuffer header = ByteBuffer.allocate(6 + 16 * sizes.length).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = header.capacity();
        for (int i = 0; i < sizes.length; i++) {
            int dim = sizes[i] >= 256 ? 0 : sizes[i]; // 0 means 256
            header.put((byte) dim).put((byte) dim).put((byte) 0).put((byte) 0);
            header.putShort((short) 1).putShort((short) 32);
            header.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(header.array());
            for (byte[] image : images) {
                out.write(image);
            }
        }
    }

    /** 'icns' + total length, then typed PNG entries (big endian), the layout iconutil produces. */
    private static void writeIcns(BufferedImage source, Path target) throws IOException {
        Map<String, Integer> types = new java.util.LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("ic11", 32);   // 16@2x
        types.put("icp6", 64);
        types.put("ic12", 64);   // 32@2x
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic13", 256);  // 128@2x
        types.put("ic09", 512);
        types.put("ic14", 512);  // 256@2x
        types.put("ic10", 1024); // 512@2x
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream entries = new DataOutputStream(body);
        for (Map.Entry<String, Integer> type : types.entrySet()) {
            byte[] image = png(scaled(source, type.getValue()));
            entries.writeBytes(type.getKey());
            entries.writeInt(8 + image.length);
            entries.write(image);
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(target))) {
            out.writeBytes("icns");
            out.writeInt(8 + body.size());
            body.writeTo(out);
        }
    }
}
