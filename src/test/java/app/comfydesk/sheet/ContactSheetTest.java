package app.comfydesk.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import app.comfydesk.workflow.PngText;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ContactSheetTest {

    private static BufferedImage solid(int w, int h, Color color) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    private static final Color[] COLORS = {Color.RED, Color.GREEN, Color.BLUE, Color.MAGENTA, Color.ORANGE,
        Color.CYAN};

    /** 3 × 2, the cell (1, 1) failed; each cell's chunk names it, one with non-Latin text. */
    private static ContactSheet sheet() {
        List<ContactSheet.Cell> cells = new ArrayList<>();
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                boolean failed = x == 1 && y == 1;
                cells.add(new ContactSheet.Cell(x, y, 0, 0, failed ? ContactSheet.State.FAILED
                        : ContactSheet.State.SUCCEEDED, failed ? null : solid(64, 48, COLORS[y * 3 + x]),
                        failed ? "KSampler: out of memory" : null,
                        "{\"x\":" + x + ",\"y\":" + y + ",\"workflow\":{\"6\":{\"inputs\":{\"text\":\"狐 " + x
                                + "\"}}}}"));
            }
        }
        return new ContactSheet(List.of("3.cfg", "3.sampler_name"), List.of(List.of("4", "6", "8"),
                List.of("euler", "ddim")), 1, cells, List.of("6.text: a red fox", "3.steps: 20"),
                "{\"axes\":[{\"axis\":\"X\",\"values\":\"4,6,8\"}],\"padding\":\"" + "x".repeat(2000) + "\"}");
    }

    @Test
    void cellsSitInAGridWithLabelsOnTheEdgesAndTheParametersUnderIt() {
        SheetLayout layout = ContactSheetRenderer.layout(sheet());
        assertThat(layout.thumbWidth()).isEqualTo(64);
        assertThat(layout.thumbHeight()).isEqualTo(48);
        int left = SheetLayout.MARGIN + 200;
        int top = SheetLayout.MARGIN + SheetLayout.HEADER;
        assertThat(layout.cell(0, 0, 0, 0)).isEqualTo(new Rectangle(left, top, 64, 48));
        assertThat(layout.cell(2, 1, 0, 0)).isEqualTo(new Rectangle(left + 2 * (64 + 8), top + 48 + 8, 64, 48));
        assertThat(layout.columnLabel(1, 0)).isEqualTo(new Rectangle(left + 72, SheetLayout.MARGIN, 64, 32));
        assertThat(layout.rowLabel(1, 0).y).isEqualTo(top + 56);
        assertThat(layout.width()).isEqualTo(480); // the minimum: the grid is narrower
        assertThat(layout.footerTop()).isEqualTo(top + 2 * 56);
        assertThat(layout.height()).isEqualTo(layout.footerTop() + 3 * SheetLayout.LINE + SheetLayout.MARGIN);
    }

    @Test
    void runsOfACellSitSideBySideAndZValuesStackAsPlanes() {
        ContactSheet sheet = new ContactSheet(List.of("a", "b", "c"), List.of(List.of("1", "2"), List.of("1"),
                List.of("p", "q")), 2, List.of(), List.of(), "{}");
        SheetLayout layout = SheetLayout.of(sheet, 100, 50);
        assertThat(layout.cellWidth()).isEqualTo(2 * 100 + SheetLayout.RUN_GAP);
        assertThat(layout.cell(1, 0, 0, 1).x).isEqualTo(SheetLayout.MARGIN + 200 + layout.cellWidth() + 8 + 104);
        int plane = 32 + 32 + 50 + 8;
        assertThat(layout.planeHeight()).isEqualTo(plane);
        assertThat(layout.cell(0, 0, 1, 0).y).isEqualTo(SheetLayout.MARGIN + plane + 64);
        assertThat(SheetLayout.of(sheet, 4000, 4000).thumbWidth()).isEqualTo(SheetLayout.MAX_THUMB);
    }

    @Test
    void bigSweepsShrinkTheirThumbnailsToStayWithinTheLimit() {
        List<String> hundred = java.util.stream.IntStream.range(0, 100).mapToObj(String::valueOf).toList();
        ContactSheet sheet = new ContactSheet(List.of("a", "b"), List.of(hundred, hundred), 1, List.of(), List.of(),
                "{}");
        SheetLayout layout = SheetLayout.of(sheet, 1024, 1024);
        assertThat(layout.pixels()).isLessThanOrEqualTo(SheetLayout.MAX_PIXELS);
        assertThat(layout.thumbWidth()).isLessThan(SheetLayout.MAX_THUMB);
    }

    @Test
    void thePngShowsThePicturesAndTheFailedCellAndCarriesTheChunks() throws Exception {
        ContactSheet sheet = sheet();
        byte[] png = ContactSheetRenderer.encode(sheet);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        SheetLayout layout = ContactSheetRenderer.layout(sheet);
        assertThat(read.getWidth()).isEqualTo(layout.width());
        assertThat(read.getHeight()).isEqualTo(layout.height());
        Rectangle blue = layout.cell(2, 0, 0, 0);
        assertThat(read.getRGB(blue.x + 32, blue.y + 24) & 0xffffff).isEqualTo(0x0000ff);
        Rectangle magenta = layout.cell(0, 1, 0, 0);
        assertThat(read.getRGB(magenta.x + 5, magenta.y + 5) & 0xffffff).isEqualTo(Color.MAGENTA.getRGB() & 0xffffff);
        Rectangle failed = layout.cell(1, 1, 0, 0);
        assertThat(read.getRGB(failed.x + 1, failed.y + 20) & 0xffffff).isEqualTo(0xcf222e); // the red frame
        assertThat(read.getRGB(failed.x + 5, failed.y + 40) & 0xffffff).isEqualTo(0xffebe9);
        assertThat(darkPixels(read, layout.columnLabel(0, 0))).isPositive();
        assertThat(darkPixels(read, layout.rowLabel(1, 0))).isPositive();
        assertThat(darkPixels(read, new Rectangle(SheetLayout.MARGIN, layout.footerTop(), 300, SheetLayout.LINE)))
                .isPositive();

        Map<String, String> texts = PngText.textChunks(png, 1 << 20);
        assertThat(texts.keySet()).containsExactly("comfydesk_sweep", "comfydesk_cell_0_0_0_0",
                "comfydesk_cell_1_0_0_0", "comfydesk_cell_2_0_0_0", "comfydesk_cell_0_1_0_0",
                "comfydesk_cell_1_1_0_0", "comfydesk_cell_2_1_0_0");
        assertThat(texts.get("comfydesk_sweep")).isEqualTo(sheet.definitionJson());
        assertThat(texts.get("comfydesk_cell_2_1_0_0")).isEqualTo(
                "{\"x\":2,\"y\":1,\"workflow\":{\"6\":{\"inputs\":{\"text\":\"狐 2\"}}}}");
        String raw = new String(png, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("iTXtcomfydesk_sweep\0\1\0"); // long: compressed iTXt
        assertThat(raw).contains("iTXtcomfydesk_cell_0_0_0_0\0\0\0"); // not Latin-1: iTXt, UTF-8
        assertThat(raw.indexOf("comfydesk_sweep")).isLessThan(raw.indexOf("IDAT")); // before the image data
    }

    private static int darkPixels(BufferedImage image, Rectangle box) {
        int dark = 0;
        for (int y = box.y; y < box.y + box.height; y++) {
            for (int x = box.x; x < box.x + box.width; x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 0x80 && ((rgb >> 8) & 0xff) < 0x80 && (rgb & 0xff) < 0x80) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
