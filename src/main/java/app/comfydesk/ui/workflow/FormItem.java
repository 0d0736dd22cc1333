package app.comfydesk.ui.workflow;

/** One row of the virtualized form list: an area heading, a pinned prompt or image, or a node section. */
sealed interface FormItem {

    record Heading(String text, String detail) implements FormItem {
    }

    record Prompt(FieldModel field, String label) implements FormItem {
    }

    record Image(FieldModel field) implements FormItem {
    }

    record Section(NodeSectionModel section) implements FormItem {
    }
}
