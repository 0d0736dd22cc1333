package app.comfydesk.workflow.variations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicPromptTest {

    private static Set<String> outcomes(String text, Wildcards wildcards) {
        DynamicPrompt prompt = DynamicPrompt.parse(text);
        Set<String> seen = new HashSet<>();
        IntStream.range(0, 400).forEach(seed -> seen.add(prompt.expand(seed, wildcards)));
        return seen;
    }

    @Test
    void picksOneOptionPerRunAndNests() {
        assertThat(outcomes("a {red|green|blue} fox", Wildcards.none()))
                .containsExactlyInAnyOrder("a red fox", "a green fox", "a blue fox");
        assertThat(outcomes("{a {big|small} fox|an owl}", Wildcards.none()))
                .containsExactlyInAnyOrder("a big fox", "a small fox", "an owl");
        assertThat(outcomes("plain \\{text\\} a|b", Wildcards.none())).containsExactly("plain {text} a|b");
    }

    @Test
    void picksSeveralDistinctOptionsWithSeparators() {
        Set<String> two = outcomes("{2$$a|b|c}", Wildcards.none());
        assertThat(two).containsExactlyInAnyOrder("a, b", "b, a", "a, c", "c, a", "b, c", "c, b");
        assertThat(outcomes("{2$$ and $$a|b}", Wildcards.none())).containsExactlyInAnyOrder("a and b", "b and a");
        assertThat(outcomes("{1-2$$a|b}", Wildcards.none()))
                .containsExactlyInAnyOrder("a", "b", "a, b", "b, a");
        assertThat(outcomes("{5$$a|b}", Wildcards.none())).containsExactlyInAnyOrder("a, b", "b, a");
    }

    @Test
    void weightsShiftTheOdds() {
        DynamicPrompt prompt = DynamicPrompt.parse("{9::a|1::b}");
        Map<String, Integer> counts = new HashMap<>();
        IntStream.range(0, 2000).forEach(seed -> counts.merge(prompt.expand(seed, Wildcards.none()), 1, Integer::sum));
        assertThat(counts.get("a")).isBetween(1600, 1950);
        assertThat(counts.get("b")).isBetween(50, 400);
        assertThat(outcomes("{0::a|b}", Wildcards.none())).containsExactly("b");
        assertThat(outcomes("{0.5::a|0.5::b}", Wildcards.none())).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void sameSeedAndTextGiveTheSamePrompt() {
        DynamicPrompt prompt = DynamicPrompt.parse("{a|b|c|d|e|f} {2$$g|h|i|j} __w__");
        Wildcards w = Wildcards.of(Map.of("w", List.of("one", "two", "three", "{x|y}")));
        List<String> first = IntStream.range(0, 50).mapToObj(s -> prompt.expand(s, w)).toList();
        List<String> again = IntStream.range(0, 50).mapToObj(s -> DynamicPrompt.parse(prompt.source()).expand(s, w))
                .toList();
        assertThat(again).isEqualTo(first);
        assertThat(new HashSet<>(first)).hasSizeGreaterThan(20);
        assertThat(prompt.expand(new java.math.BigInteger("18446744073709551615"), w))
                .isEqualTo(prompt.expand(-1L, w));
    }

    @Test
    void wildcardsPickLinesAndMayNest(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("colors.txt"), "# a comment\nred\n\n  green  \n__shades__ blue\n");
        Files.writeString(dir.resolve("shades.txt"), "light\ndark\n");
        Files.createDirectories(dir.resolve("art"));
        Files.writeString(dir.resolve("art/styles.txt"), "oil\n");
        WildcardFolder folder = new WildcardFolder(dir);
        assertThat(outcomes("a __colors__ fox", folder)).containsExactlyInAnyOrder("a red fox", "a green fox",
                "a light blue fox", "a dark blue fox");
        assertThat(outcomes("__art/styles__", folder)).containsExactly("oil");
        assertThat(outcomes("snake__case", folder)).containsExactly("snake__case");
    }

    @Test
    void wildcardNamesCannotLeaveTheFolder(@TempDir Path dir) throws Exception {
        Path inside = Files.createDirectories(dir.resolve("wildcards"));
        Files.writeString(dir.resolve("secret.txt"), "no\n");
        Files.createSymbolicLink(inside.resolve("link.txt"), dir.resolve("secret.txt"));
        WildcardFolder folder = new WildcardFolder(inside);
        assertThatThrownBy(() -> folder.lines("../secret")).isInstanceOf(VariationException.class)
                .hasMessageContaining("a wildcard name has letters, digits");
        assertThatThrownBy(() -> folder.lines("link")).hasMessageContaining("is not a file inside the wildcards");
        assertThatThrownBy(() -> folder.lines("missing")).hasMessageContaining("there is no wildcard file missing.txt");
        Files.write(inside.resolve("big.txt"), new byte[(int) WildcardFolder.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> folder.lines("big")).hasMessageContaining("larger than 1024 KiB");
        Files.writeString(inside.resolve("loop.txt"), "again __loop__\n");
        assertThatThrownBy(() -> DynamicPrompt.parse("__loop__").expand(1, folder))
                .hasMessageContaining("wildcards name wildcards more than 10 deep");
    }

    @Test
    void theShippedWildcardsParse() {
        WildcardFolder shipped = new WildcardFolder(Path.of("assets/wildcards"));
        for (String name : List.of("colors", "animals", "styles", "lighting")) {
            assertThat(shipped.lines(name)).isNotEmpty().allSatisfy(line -> DynamicPrompt.parse(line));
        }
    }

    @Test
    void combinatorialModeListsEveryPromptInOrder() {
        Wildcards w = Wildcards.of(Map.of("c", List.of("red", "blue")));
        assertThat(DynamicPrompt.parse("{a|b} __c__").combinations(w, 100))
                .containsExactly("a red", "a blue", "b red", "b blue");
        assertThat(DynamicPrompt.parse("{2$$a|b|c}").combinations(w, 100)).containsExactly("a, b", "a, c", "b, c");
        assertThat(DynamicPrompt.parse("{1-2$$ & $$a|{b|c}}").combinations(w, 100))
                .containsExactly("a", "b", "c", "a & b", "a & c");
        assertThatThrownBy(() -> DynamicPrompt.parse("{a|b}{a|b}{a|b}").combinations(w, 7))
                .hasMessageContaining("more than 7 combinations");
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertThatThrownBy(() -> DynamicPrompt.parse("a {red|green fox")).isInstanceOf(VariationException.class)
                .hasMessage("The prompt's { at character 3 is never closed; add a } (or write \\{ for the character "
                        + "itself)");
        assertThatThrownBy(() -> DynamicPrompt.parse("a red} fox"))
                .hasMessageContaining("a } at character 6 outside any {...}");
        assertThatThrownBy(() -> DynamicPrompt.parse("{3-2$$a|b}")).hasMessageContaining("at least 3 but at most 2");
        assertThatThrownBy(() -> DynamicPrompt.parse("{".repeat(11) + "}".repeat(11)))
                .hasMessageContaining("more than 10 deep");
    }
}
