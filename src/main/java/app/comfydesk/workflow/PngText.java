package app.comfydesk.workflow;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the text chunks (tEXt, zTXt, iTXt) of a PNG. ComfyUI's SaveImage stores the API-format prompt under the
 * keyword {@code prompt} and the editor graph under {@code workflow}. A few dozen lines here beat pulling an image
 * library in, and ImageIO's metadata tree decodes only some chunk variants.
 */
public final class PngText {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Thrown for a PNG whose chunk structure is broken; the message says where. */
    public static final class MalformedPngException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedPngException(String message) {
            super(message);
        }
    }

    private PngText() {
    }

    public static boolean isPng(byte[] bytes) {
        if (bytes.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (bytes[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * All text chunks, keyword → text, first occurrence wins. Stops at IEND; a truncated tail after some text was
     * found is tolerated (the chunks we need come before the image data in ComfyUI's files).
     */
    public static Map<String, String> textChunks(byte[] png, long maxInflatedBytes) throws MalformedPngException {
        Map<String, String> texts = new LinkedHashMap<>();
        int pos = SIGNATURE.length;
        while (pos + 8 <= png.length) {
            long length = readUint32(png, pos);
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int dataStart = pos + 8;
            if (length > png.length - dataStart) {
                if (texts.isEmpty()) {
                    throw new MalformedPngException("the " + type + " chunk at byte " + pos + " runs past the end of "
                            + "the file (the image is truncated)");
                }
                return texts;
            }
            int dataEnd = dataStart + (int) length;
            switch (type) {
                case "tEXt" -> putText(texts, tEXt(png, dataStart, dataEnd));
                case "zTXt" -> putText(texts, zTXt(png, dataStart, dataEnd, maxInflatedBytes));
                case "iTXt" -> putText(texts, iTXt(png, dataStart, dataEnd, maxInflatedBytes));
                case "IEND" -> {
                    return texts;
                }
                default -> {
                    // image data and other chunks are not our business
                }
            }
            pos = dataEnd + 4; // skip the CRC: a damaged checksum should not hide a readable prompt
        }
        if (texts.isEmpty()) {
            throw new MalformedPngException("the file ends at byte " + png.length + " before the image is complete "
                    + "(the image is truncated)");
        }
        return texts;
    }

    private static void putText(Map<String, String> texts, String[] keywordAndText) {
        if (keywordAndText != null) {
            texts.putIfAbsent(keywordAndText[0], keywordAndText[1]);
        }
    }

    private static String[] tEXt(byte[] png, int start, int end) {
        int nul = indexOfNul(png, start, end);
        if (nul < 0) {
            return null;
        }
        return new String[] {latin1(png, start, nul), lenientText(png, nul + 1, end)};
    }

    private static String[] zTXt(byte[] png, int start, int end, long max) throws MalformedPngException {
        int nul = indexOfNul(png, start, end);
        if (nul < 0 || nul + 2 > end) {
            return null;
        }
        String keyword = latin1(png, start, nul);
        byte[] inflated = inflate(png, nul + 2, end, max, keyword);
        return new String[] {keyword, lenientText(inflated, 0, inflated.length)};
    }

    private static String[] iTXt(byte[] png, int start, int end, long max) throws MalformedPngException {
        int nul = indexOfNul(png, start, end);
        if (nul < 0 || nul + 3 > end) {
            return null;
        }
        String keyword = latin1(png, start, nul);
        boolean compressed = png[nul + 1] != 0;
        int languageEnd = indexOfNul(png, nul + 3, end);
        int translatedEnd = languageEnd < 0 ? -1 : indexOfNul(png, languageEnd + 1, end);
        if (translatedEnd < 0) {
            return null;
        }
        int textStart = translatedEnd + 1;
        if (compressed) {
            byte[] inflated = inflate(png, textStart, end, max, keyword);
            return new String[] {keyword, new String(inflated, StandardCharsets.UTF_8)};
        }
        return new String[] {keyword, new String(png, textStart, end - textStart, StandardCharsets.UTF_8)};
    }

    /**
     * tEXt/zTXt are Latin-1 by the PNG spec, but several tools write UTF-8 there anyway. Valid UTF-8 is almost never
     * an accident in Latin-1 text, so decode as UTF-8 when the bytes are valid UTF-8 and fall back to Latin-1.
     */
    private static String lenientText(byte[] bytes, int start, int end) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, start, end - start))
                    .toString();
        } catch (CharacterCodingException e) {
            return latin1(bytes, start, end);
        }
    }

    private static byte[] inflate(byte[] png, int start, int end, long max, String keyword)
            throws MalformedPngException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(png, start, end - start);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, (end - start) * 4));
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new MalformedPngException("the compressed \"" + keyword + "\" text chunk is cut short");
                }
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    // A small chunk that inflates to gigabytes is an attack, not a workflow.
                    throw new MalformedPngException("the \"" + keyword + "\" text chunk unpacks to more than "
                            + (max / (1024 * 1024)) + " MiB");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new MalformedPngException("the compressed \"" + keyword + "\" text chunk is damaged");
        } finally {
            inflater.end();
        }
    }

    private static int indexOfNul(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String latin1(byte[] bytes, int start, int end) {
        return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private static long readUint32(byte[] b, int pos) {
        return ((long) (b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8)
                | (b[pos + 3] & 0xff);
    }
}
