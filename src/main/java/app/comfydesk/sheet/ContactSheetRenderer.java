package app.comfydesk.sheet;

import app.comfydesk.workflow.PngTextWriter;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Draws a {@link ContactSheet} and encodes it as a PNG with its text chunks. */
public final class ContactSheetRenderer {

    private static final Color BACKGROUND = new Color(0xf6f8fa);
    private static final Color TEXT = new Color(0x1f2328);
    private static final Color MUTED = new Color(0x59636e);
    private static final Color FAILED = new Color(0xcf222e);
    private static final Color EMPTY = new Color(0xd1d9e0);

    private ContactSheetRenderer() {
    }

    /** The layout this sheet gets: thumbnails sized after its largest picture. */
    public static SheetLayout layout(ContactSheet sheet) {
        int w = 0;
        int h = 0;
        for (ContactSheet.Cell cell : sheet.cells()) {
            if (cell.image() != null) {
                w = Math.max(w, cell.image().getWidth());
                h = Math.max(h, cell.image().getHeight());
            }
        }
        return SheetLayout.of(sheet, w, h);
    }

    public static BufferedImage render(ContactSheet sheet) {
        SheetLayout layout = layout(sheet);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, layout.width(), layout.height());
            Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
            Font bold = plain.deriveFont(Font.BOLD);
            for (int z = 0; z < layout.planes(); z++) {
                if (layout.planes() > 1) {
                    g.setFont(bold);
                    text(g, sheet.axisTitles().get(2) + " = " + sheet.axisLabels().get(2).get(z),
                            layout.planeTitle(z), TEXT, false);
                }
                g.setFont(plain);
                for (int x = 0; x < layout.columns(); x++) {
                    text(g, sheet.axisTitles().get(0) + " = " + sheet.axisLabels().get(0).get(x),
                            layout.columnLabel(x, z), TEXT, true);
                }
                for (int y = 0; y < layout.rows() && sheet.axisTitles().size() > 1; y++) {
                    // Two lines, the input then its value: the column is narrow and values are what differ.
                    Rectangle box = layout.rowLabel(y, z);
                    int middle = box.y + box.height / 2;
                    text(g, sheet.axisTitles().get(1), new Rectangle(box.x, middle - SheetLayout.LINE, box.width,
                            SheetLayout.LINE), MUTED, false);
                    g.setFont(bold);
                    text(g, sheet.axisLabels().get(1).get(y), new Rectangle(box.x, middle, box.width,
                            SheetLayout.LINE), TEXT, false);
                    g.setFont(plain);
                }
            }
            for (ContactSheet.Cell cell : sheet.cells()) {
                drawCell(g, cell, layout.cell(cell.x(), cell.y(), cell.z(), cell.run()), plain, bold);
            }
            g.setFont(plain);
            int top = layout.footerTop();
            int line = 0;
            for (String parameter : sheet.commonParameters()) {
                text(g, parameter, new Rectangle(SheetLayout.MARGIN, top + line++ * SheetLayout.LINE,
                        layout.width() - 2 * SheetLayout.MARGIN, SheetLayout.LINE), MUTED, false);
            }
            text(g, "ComfyDesk contact sheet: the sweep and each cell's workflow are in this PNG's text chunks",
                    new Rectangle(SheetLayout.MARGIN, top + line * SheetLayout.LINE,
                            layout.width() - 2 * SheetLayout.MARGIN, SheetLayout.LINE), MUTED, false);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The sheet as PNG bytes: the picture, the definition chunk, then one chunk per cell. */
    public static byte[] encode(ContactSheet sheet) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(render(sheet), "png", png)) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(ContactSheet.DEFINITION_KEYWORD, sheet.definitionJson());
        for (ContactSheet.Cell cell : sheet.cells()) {
            if (cell.chunkJson() != null) {
                texts.put(cell.keyword(), cell.chunkJson());
            }
        }
        return PngTextWriter.withText(png.toByteArray(), texts);
    }

    private static void drawCell(Graphics2D g, ContactSheet.Cell cell, Rectangle box, Font plain, Font bold) {
        if (cell.image() != null) {
            BufferedImage src = cell.image();
            double scale = Math.min((double) box.width / src.getWidth(), (double) box.height / src.getHeight());
            int w = (int) Math.round(src.getWidth() * scale);
            int h = (int) Math.round(src.getHeight() * scale);
            g.drawImage(src, box.x + (box.width - w) / 2, box.y + (box.height - h) / 2, w, h, null);
            return;
        }
        boolean failed = cell.state() == ContactSheet.State.FAILED;
        g.setColor(failed ? new Color(0xffebe9) : EMPTY);
        g.fillRect(box.x, box.y, box.width, box.height);
        g.setColor(failed ? FAILED : MUTED);
        g.setStroke(new BasicStroke(2));
        g.drawRect(box.x + 1, box.y + 1, box.width - 2, box.height - 2);
        if (failed) {
            g.drawLine(box.x, box.y, box.x + box.width, box.y + box.height);
            g.drawLine(box.x + box.width, box.y, box.x, box.y + box.height);
        }
        g.setFont(bold);
        String title = switch (cell.state()) {
            case FAILED -> "FAILED";
            case CANCELLED -> "CANCELLED";
            default -> "NO IMAGE";
        };
        int middle = box.y + box.height / 2;
        text(g, title, new Rectangle(box.x, middle - 24, box.width, 20), failed ? FAILED : TEXT, true);
        if (cell.note() != null) {
            g.setFont(plain);
            text(g, cell.note(), new Rectangle(box.x + 4, middle, box.width - 8, 20), TEXT, true);
        }
    }

    /** One line of text in the box, vertically centred, cut with "…" when too wide. */
    private static void text(Graphics2D g, String text, Rectangle box, Color color, boolean centred) {
        if (box.width <= 0 || box.height <= 0) {
            return;
        }
        FontMetrics metrics = g.getFontMetrics();
        String shown = text.replaceAll("\\s+", " ");
        if (metrics.stringWidth(shown) > box.width) {
            while (!shown.isEmpty() && metrics.stringWidth(shown + "…") > box.width) {
                shown = shown.substring(0, shown.length() - 1);
            }
            shown += "…";
        }
        int x = centred ? box.x + (box.width - metrics.stringWidth(shown)) / 2 : box.x;
        int y = box.y + (box.height - metrics.getHeight()) / 2 + metrics.getAscent();
        g.setColor(color);
        g.drawString(shown, x, y);
    }
}
