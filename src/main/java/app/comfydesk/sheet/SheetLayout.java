package app.comfydesk.sheet;

import java.awt.Rectangle;

/**
 * The geometry of a contact sheet: a margin, the Y labels in a column on the left, per Z value a title row, the
 * X labels in a row on top, then the cells (runs of one cell side by side), and the common parameters under the
 * grid. Thumbnails keep the pictures' aspect ratio and are shrunk so the whole sheet stays within
 * {@link #MAX_PIXELS}.
 */
public record SheetLayout(int columns, int rows, int planes, int batch, int thumbWidth, int thumbHeight,
                          int labelWidth, int footerLines) {

    public static final int MARGIN = 16;
    public static final int GAP = 8;
    public static final int RUN_GAP = 4;
    public static final int HEADER = 32;
    public static final int LINE = 18;
    /** Largest thumbnail side. */
    public static final int MAX_THUMB = 384;
    /** Most pixels a sheet may have (about 160 MB as RGB in memory while encoding). */
    public static final long MAX_PIXELS = 40_000_000L;

    /** The layout for a sheet whose largest picture is {@code imageWidth} × {@code imageHeight} (0 × 0: none). */
    public static SheetLayout of(ContactSheet sheet, int imageWidth, int imageHeight) {
        int w = imageWidth > 0 ? imageWidth : 256;
        int h = imageHeight > 0 ? imageHeight : 256;
        double scale = Math.min(1.0, (double) MAX_THUMB / Math.max(w, h));
        int labelWidth = sheet.axisTitles().size() > 1 ? 200 : 0;
        int footer = sheet.commonParameters().size() + 1;
        SheetLayout layout = new SheetLayout(sheet.size(0), sheet.size(1), sheet.size(2), sheet.batch(),
                Math.max(16, (int) Math.round(w * scale)), Math.max(16, (int) Math.round(h * scale)), labelWidth,
                footer);
        while (layout.pixels() > MAX_PIXELS && layout.thumbWidth > 16 && layout.thumbHeight > 16) {
            layout = new SheetLayout(layout.columns, layout.rows, layout.planes, layout.batch,
                    Math.max(16, layout.thumbWidth * 3 / 4), Math.max(16, layout.thumbHeight * 3 / 4), labelWidth,
                    footer);
        }
        return layout;
    }

    /** Width of one cell: its runs side by side. */
    public int cellWidth() {
        return batch * thumbWidth + (batch - 1) * RUN_GAP;
    }

    private int zTitle() {
        return planes > 1 ? HEADER : 0;
    }

    /** Height of one Z plane: its title (with a Z axis), the X labels and the rows. */
    public int planeHeight() {
        return zTitle() + HEADER + rows * (thumbHeight + GAP);
    }

    public int gridLeft() {
        return MARGIN + labelWidth;
    }

    /** Where the picture of run {@code run} of cell (x, y, z) goes. */
    public Rectangle cell(int x, int y, int z, int run) {
        return new Rectangle(gridLeft() + x * (cellWidth() + GAP) + run * (thumbWidth + RUN_GAP),
                MARGIN + z * planeHeight() + zTitle() + HEADER + y * (thumbHeight + GAP), thumbWidth, thumbHeight);
    }

    /** The X label box above column {@code x} of plane {@code z}. */
    public Rectangle columnLabel(int x, int z) {
        return new Rectangle(gridLeft() + x * (cellWidth() + GAP), MARGIN + z * planeHeight() + zTitle(),
                cellWidth(), HEADER);
    }

    /** The Y label box left of row {@code y} of plane {@code z}. */
    public Rectangle rowLabel(int y, int z) {
        Rectangle first = cell(0, y, z, 0);
        return new Rectangle(MARGIN, first.y, labelWidth - GAP, thumbHeight);
    }

    /** The Z title box of plane {@code z} (empty without a Z axis). */
    public Rectangle planeTitle(int z) {
        return new Rectangle(MARGIN, MARGIN + z * planeHeight(), gridWidth(), zTitle());
    }

    public int gridWidth() {
        return labelWidth + columns * (cellWidth() + GAP) - GAP;
    }

    /** Top of the common parameters. */
    public int footerTop() {
        return MARGIN + planes * planeHeight();
    }

    public int width() {
        return Math.max(MARGIN * 2 + gridWidth(), 480);
    }

    public int height() {
        return footerTop() + footerLines * LINE + MARGIN;
    }

    public long pixels() {
        return (long) width() * height();
    }
}
