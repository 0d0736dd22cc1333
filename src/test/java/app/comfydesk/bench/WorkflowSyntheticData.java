package app.comfydesk.bench;

import java.math.BigInteger;

/** Synthetic API workflows for the large-workflow test and the parse benchmark. */
public final class WorkflowSyntheticData {

    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

    private WorkflowSyntheticData() {
    }

    /**
     * Repeating chains of loader → encoder → sampler → save, {@code nodes} nodes in all, with the values real files
     * hold: seeds near 2^64, decimals like {@code 7.50} and {@code 1e-05}, widget objects, literal lists, nulls,
     * multi-line prompts, titles.
     */
    public static String workflow(int nodes) {
        StringBuilder json = new StringBuilder(nodes * 200).append('{');
        for (int i = 0; i < nodes; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("\n\"").append(i).append("\": ");
            switch (i % 4) {
                case 0 -> json.append("{\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": "
                        + "\"model_").append(i).append(".safetensors\"}, \"_meta\": {\"title\": \"Loader ").append(i)
                        .append("\"}}");
                case 1 -> json.append("{\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"prompt ")
                        .append(i).append("\\nline two\", \"clip\": [\"").append(i - 1).append("\", 1]}}");
                case 2 -> json.append("{\"class_type\": \"KSampler\", \"inputs\": {\"seed\": ")
                        .append(UINT64_MAX.subtract(BigInteger.valueOf(i)))
                        .append(", \"steps\": 20, \"cfg\": 7.50, \"denoise\": 1e-05, \"sampler_name\": \"euler\", "
                                + "\"model\": [\"").append(i - 2).append("\", 0], \"positive\": [\"").append(i - 1)
                        .append("\", 0], \"extra\": {\"__value__\": [false, true]}, \"pair\": [\"euler\", 0]}}");
                default -> json.append("{\"class_type\": \"SaveImage\", \"inputs\": {\"filename_prefix\": \"out\", "
                        + "\"images\": [\"").append(i - 1).append("\", 0], \"nothing\": null}}");
            }
        }
        return json.append("\n}").toString();
    }
}
