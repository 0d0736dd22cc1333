package app.comfydesk.ui.gallery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import app.comfydesk.files.AtomicFiles;
import app.comfydesk.ui.common.FxBatcher;
import app.comfydesk.ui.common.FxThread;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thumbnails for the grids and the job table: decoded on worker threads, kept in a small in-memory LRU and in a disk
 * cache (PNG files keyed by path, size and modification time) so a second visit or a restart shows them at once.
 * Decoded thumbnails reach the FX thread through one {@link FxBatcher} (the gallery's bridge), in batches, never
 * one {@code runLater} each.
 */
public final class ThumbnailCache implements AutoCloseable {

    /** Edge of the square box thumbnails are scaled into: the gallery tile's picture area, so tiles draw unscaled. */
    public static final int SIZE = 120;
    private static final int MEMORY_ENTRIES = 400;
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailCache.class);

    private final Path directory;
    private final FxBatcher<Runnable> fx;
    private final ExecutorService decoders;
    private final Map<Path, Image> memory = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Image> eldest) {
            return size() > MEMORY_ENTRIES;
        }
    };
    private final Map<Path, List<Consumer<Image>>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param directory the disk cache folder (under the app data folder, so {@code COMFYDESK_HOME} moves it)
     */
    public ThumbnailCache(Path directory) {
        this(directory, FxThread.executor());
    }

    /** @param fxThread runs the bridge's drains; tests pass {@code Runnable::run} or their own queue */
    public ThumbnailCache(Path directory, Executor fxThread) {
        this.directory = directory;
        this.fx = FxBatcher.on(fxThread, null, batch -> batch.forEach(Runnable::run));
        AtomicInteger counter = new AtomicInteger();
        // LIFO: when the user scrolls fast, the rows now on screen were asked for last and are decoded first.
        this.decoders = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingDeque<>() {
            @Override
            public boolean offer(Runnable task) {
                return super.offerFirst(task);
            }
        }, task -> {
            Thread thread = new Thread(task, "thumbnail-" + counter.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY - 1);
            return thread;
        });
        ((ThreadPoolExecutor) decoders).allowCoreThreadTimeOut(true);
    }

    public Path directory() {
        return directory;
    }

    /** The thumbnail if it is already in memory; call on the FX thread. */
    public Image cached(Path file) {
        synchronized (memory) {
            return memory.get(file);
        }
    }

    /**
     * Delivers the thumbnail of {@code file} to {@code onFx} on the FX thread: at once when it is in memory, else
     * after a disk-cache read or a decode. Files without a picture (video, unknown) deliver nothing.
     */
    public void load(Path file, Consumer<Image> onFx) {
        Image hit = cached(file);
        if (hit != null) {
            onFx.accept(hit);
            return;
        }
        if (!MediaKind.of(file).isImage()) {
            return;
        }
        List<Consumer<Image>> waiting = new ArrayList<>();
        waiting.add(onFx);
        List<Consumer<Image>> existing = inFlight.putIfAbsent(file, waiting);
        if (existing != null) {
            synchronized (existing) {
                existing.add(onFx);
            }
            return;
        }
        decoders.execute(() -> {
            Image image = produce(file);
            fx.post(() -> deliver(file, image));
        });
    }

    private void deliver(Path file, Image image) {
        List<Consumer<Image>> waiting = inFlight.remove(file);
        if (image == null || waiting == null) {
            return;
        }
        synchronized (memory) {
            memory.put(file, image);
        }
        synchronized (waiting) {
            waiting.forEach(consumer -> consumer.accept(image));
        }
    }

    /** Reads the disk cache or decodes and stores; null when the file cannot be decoded. Worker thread only. */
    Image produce(Path file) {
        try {
            Path cacheFile = cacheFileFor(file);
            if (cacheFile != null && Files.isRegularFile(cacheFile)) {
                Image cachedImage = new Image(cacheFile.toUri().toString(), false);
                if (!cachedImage.isError()) {
                    return cachedImage;
                }
            }
            Image image = MediaDecoder.decodeThumbnail(file, SIZE);
            if (cacheFile != null) {
                store(image, cacheFile);
            }
            return image;
        } catch (IOException | RuntimeException e) {
            LOG.debug("No thumbnail for {}: {}", file, e.getMessage());
            return null;
        }
    }

    private Path cacheFileFor(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String key = file.toAbsolutePath().normalize() + "|" + attributes.size() + "|"
                + attributes.lastModifiedTime().toMillis() + "|" + SIZE;
        String hash = sha256(key);
        return directory.resolve(hash.substring(0, 2)).resolve(hash + ".png");
    }

    private static void store(Image image, Path cacheFile) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png);
            AtomicFiles.write(cacheFile, png.toByteArray());
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written only costs a decode next time.
            LOG.debug("Thumbnail cache not written: {}", e.getMessage());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        decoders.shutdownNow();
    }
}
