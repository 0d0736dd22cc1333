package app.comfydesk.ui.gallery;

import app.comfydesk.jobs.RatingFilter;
import app.comfydesk.ui.common.Tooltips;
import java.util.List;
import javafx.beans.property.Property;
import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;

/** The rating filter's choices as an artist thinks of them, in one drop-down for the gallery and the job table. */
public final class RatingFilterBox {

    public static final List<RatingFilter> CHOICES = List.of(RatingFilter.ANY, new RatingFilter(0, false, true),
            RatingFilter.atLeast(1), RatingFilter.atLeast(2), RatingFilter.atLeast(3), RatingFilter.atLeast(4),
            RatingFilter.atLeast(5), RatingFilter.PICKS);

    private RatingFilterBox() {
    }

    /** A drop-down with id {@code id} bound both ways to {@code filter}. */
    public static ComboBox<RatingFilter> of(String id, Property<RatingFilter> filter, String tooltip) {
        ComboBox<RatingFilter> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(CHOICES);
        box.valueProperty().bindBidirectional(filter);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(RatingFilter value) {
                return value == null ? "" : value.label();
            }

            @Override
            public RatingFilter fromString(String text) {
                return RatingFilter.ANY;
            }
        });
        Tooltips.onHover(box, tooltip);
        return box;
    }

    /**
     * {@link #of} for a crowded bar: the closed box says "★ Any" instead of "Any rating", so it can be narrow
     * without eliding; the open list keeps the full words.
     */
    public static ComboBox<RatingFilter> compact(String id, Property<RatingFilter> filter, String tooltip) {
        ComboBox<RatingFilter> box = of(id, filter, tooltip);
        box.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(RatingFilter item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.isAny() ? "★ Any" : item.label());
            }
        });
        return box;
    }
}
