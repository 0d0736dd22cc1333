package app.comfydesk.sandbox.exec;

import java.util.List;

/** The values that flow along links between nodes, one record per ComfyUI type the sandbox knows. */
final class Values {

    private Values() {
    }

    /** IMAGE: a batch of pictures. */
    record Images(List<Picture> frames) {
        Images {
            frames = List.copyOf(frames);
            if (frames.isEmpty()) {
                throw new IllegalArgumentException("an image batch is never empty");
            }
        }

        Picture first() {
            return frames.get(0);
        }
    }

    /** MASK: a batch of masks. */
    record Masks(List<Mask> frames) {
        Masks {
            frames = List.copyOf(frames);
        }
    }

    /** MODEL, CLIP, VAE and similar: what was loaded, as text that feeds the stand-in picture. */
    record ModelRef(String kind, String description) {
    }

    /** CONDITIONING: the prompt texts it was encoded from, plus modifiers such as guidance. */
    record Conditioning(String text, String modifiers) {
    }

    /**
     * LATENT: pixel size (a multiple of 8, as a VAE decodes it) and batch; {@code pictures} holds what a sampler or
     * VAEEncode put there, null for an empty latent. Stand-in latents stay at pixel resolution: nothing here has a
     * real VAE to decode them.
     */
    record Latent(int width, int height, int batch, List<Picture> pictures) {
        Latent {
            pictures = pictures == null ? null : List.copyOf(pictures);
        }

        boolean isEmpty() {
            return pictures == null;
        }
    }

    /** A plain INT/FLOAT/STRING/BOOLEAN produced by a node (primitive and utility nodes). */
    record Primitive(Object value) {
    }
}
