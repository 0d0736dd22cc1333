package app.comfydesk.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorReportTest {

    @Test
    void readsComfyUiExecutionErrors() {
        ErrorReport error = ErrorReport.parse("""
                {"type": "execution_error", "node_id": "31", "node_type": "KSampler",
                 "exception_type": "torch.OutOfMemoryError", "exception_message": "CUDA out of memory",
                 "traceback": ["Traceback (most recent call last):\\n", "  File \\"nodes.py\\", line 1\\n"]}
                """);
        assertThat(error.message()).isEqualTo("CUDA out of memory");
        assertThat(error.nodeId()).isEqualTo("31");
        assertThat(error.nodeClass()).isEqualTo("KSampler");
        assertThat(error.errorType()).isEqualTo("torch.OutOfMemoryError");
        assertThat(error.traceback()).startsWith("Traceback").contains("nodes.py");
        assertThat(error.summary()).isEqualTo("CUDA out of memory (node 31 KSampler)");
    }

    @Test
    void readsRunComfyErrorBodiesListsStringsAndWrappers() {
        ErrorReport api = ErrorReport.parse("""
                {"error_code": "invalid_request", "message": "Bad override", "detail": "node 99 does not exist"}""");
        assertThat(api.message()).isEqualTo("Bad override: node 99 does not exist");
        assertThat(api.errorType()).isEqualTo("invalid_request");

        ErrorReport list = ErrorReport.parse("""
                [{"message": "first", "node_id": "4"}, {"message": "second"}]""");
        assertThat(list.message()).isEqualTo("first (and 1 more)");
        assertThat(list.nodeId()).isEqualTo("4");

        assertThat(ErrorReport.parse("\"plain words\"").message()).isEqualTo("plain words");
        assertThat(ErrorReport.parse("not json at all").message()).isEqualTo("not json at all");
        assertThat(ErrorReport.parse("{\"error\": {\"message\": \"inner\"}}").message()).isEqualTo("inner");
        assertThat(ErrorReport.parse(null)).isNull();
        assertThat(ErrorReport.parse("[]")).isNull();
    }
}
