package app.comfydesk.ui.jobs;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ObservableListBase;

/**
 * The table's items: a list as long as the query's result whose elements are loaded a page at a time, only when
 * the table asks for them (i.e. when they scroll into view). Unloaded slots are empty {@link JobItem}s filled in
 * place when their page arrives, so loading fires no list changes. Pages are kept in a small LRU; a few thousand
 * rows are in memory however many jobs the store holds. Use on the FX thread only.
 */
final class LazyJobList extends ObservableListBase<JobItem> {

    static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 60;

    /** Asks for one page; the loader answers later through {@link #pageLoaded}. */
    interface PageLoader {
        void load(long generation, int page, int offset, int limit);
    }

    private final PageLoader loader;
    private final Map<Integer, JobItem[]> pages = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, JobItem[]> eldest) {
            if (size() > MAX_PAGES) {
                for (JobItem item : eldest.getValue()) {
                    byId.remove(item.id(), item);
                }
                return true;
            }
            return false;
        }
    };
    private final Map<Long, JobItem> byId = new HashMap<>();
    private int size;
    private long generation;

    LazyJobList(PageLoader loader) {
        this.loader = loader;
    }

    @Override
    public JobItem get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        int page = index / PAGE_SIZE;
        JobItem[] items = pages.get(page);
        if (items == null) {
            items = new JobItem[Math.min(PAGE_SIZE, size - page * PAGE_SIZE)];
            for (int i = 0; i < items.length; i++) {
                items[i] = new JobItem();
            }
            pages.put(page, items);
            loader.load(generation, page, page * PAGE_SIZE, items.length);
        }
        return items[index % PAGE_SIZE];
    }

    @Override
    public int size() {
        return size;
    }

    long generation() {
        return generation;
    }

    /** The loaded slot showing job {@code id}, or null when that job is not on a loaded page. */
    JobItem itemOf(long id) {
        return byId.get(id);
    }

    /** Index of a loaded job, or -1. */
    int indexOf(long id) {
        JobItem item = byId.get(id);
        if (item == null) {
            return -1;
        }
        for (Map.Entry<Integer, JobItem[]> entry : pages.entrySet()) {
            JobItem[] items = entry.getValue();
            for (int i = 0; i < items.length; i++) {
                if (items[i] == item) {
                    return entry.getKey() * PAGE_SIZE + i;
                }
            }
        }
        return -1;
    }

    /** Fills a page's slots; answers for an older generation (before a reset) are dropped. */
    void pageLoaded(long forGeneration, int page, List<JobRow> rows) {
        JobItem[] items = pages.get(page);
        if (forGeneration != generation || items == null) {
            return;
        }
        for (int i = 0; i < items.length && i < rows.size(); i++) {
            JobRow row = rows.get(i);
            JobItem existing = byId.get(row.id());
            items[i].set(row.readOver(existing == null ? null : existing.row()));
            byId.put(row.id(), items[i]);
        }
    }

    /**
     * Starts over with {@code newSize} rows (new filter, new sort, or jobs added/removed). Slots of jobs that were
     * loaded are reused by id when {@code keep} rows are given for a page, so visible rows do not flash empty.
     * When the only change is {@code addedAtTop} new jobs at the head (newest first), the change is reported as an
     * insertion, so the table keeps the selection and shifts it down; otherwise as a replacement of everything.
     */
    void reset(int newSize, Map<Integer, List<JobRow>> keep, int addedAtTop) {
        int oldSize = size;
        Map<Long, JobItem> previous = new HashMap<>(byId);
        generation++;
        pages.clear();
        byId.clear();
        size = newSize;
        keep.forEach((page, rows) -> {
            int length = Math.min(PAGE_SIZE, newSize - page * PAGE_SIZE);
            if (length <= 0) {
                return;
            }
            JobItem[] items = new JobItem[length];
            for (int i = 0; i < length; i++) {
                JobRow row = i < rows.size() ? rows.get(i) : null;
                JobItem item = row == null ? null : previous.get(row.id());
                if (item == null) {
                    item = new JobItem(row);
                } else {
                    item.set(row.readOver(item.row()));
                }
                items[i] = item;
                if (row != null) {
                    byId.put(row.id(), item);
                }
            }
            pages.put(page, items);
        });
        beginChange();
        if (addedAtTop > 0 && newSize == oldSize + addedAtTop) {
            nextAdd(0, addedAtTop);
            endChange();
            return;
        }
        if (oldSize > 0) {
            nextRemove(0, new Placeholders(oldSize));
        }
        if (newSize > 0) {
            nextAdd(0, newSize);
        }
        endChange();
    }

    /** Pages now held, to refresh the rows the user is looking at. */
    List<Integer> loadedPages() {
        return List.copyOf(pages.keySet());
    }

    /** Stand-in for the removed elements of a reset: listeners only need the count. */
    private static final class Placeholders extends AbstractList<JobItem> {
        private final int size;

        Placeholders(int size) {
            this.size = size;
        }

        @Override
        public JobItem get(int index) {
            return null;
        }

        @Override
        public int size() {
            return size;
        }
    }
}
