package dev.tarjama.glossary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.model.ModelDirectory;
import dev.tarjama.testutil.Golden;
import dev.tarjama.tokenizer.Encoding;
import dev.tarjama.tokenizer.MarianTokenizer;
import dev.tarjama.translation.MarianTranslator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The masker with the tiny model. The model only knows its 84 training sentences, so a masked
 * sentence turns into nonsense and the placeholder is lost; what matters is that the loss is reported.
 */
class GlossaryMaskerModelTest {
    @Test
    void aTermLostByTheTinyModelIsReported() {
        GlossaryMasker masker = new GlossaryMasker(new Glossary("news", List.of(new GlossaryEntry("لافروف", "Lavrov"))));
        String sentence = "قال لافروف إن المحادثات كانت بناءة.";
        try (MarianTranslator translator = MarianTranslator.load(ModelDirectory.open(Golden.TINY_MODEL))) {
            MaskedSentence masked = masker.mask(sentence);
            assertEquals("قال 7001 إن المحادثات كانت بناءة.", masked.text());
            String output = translator.translate(List.of(masked.text()), translator.defaultOptions()).get(0).best().text();
            RestoredTranslation r = masker.restore(masked, output);
            assertFalse(output.contains("7001"), "the tiny model drops the placeholder: " + output);
            assertEquals(List.of("لافروف → Lavrov"), r.missingDescriptions(), output);
            assertFalse(r.text().contains("7001"));
        }
    }

    @Test
    void digitPlaceholdersAreKnownPiecesWithTheSameIdsOnBothSidesUnlikeBrackets() {
        try (MarianTokenizer tokenizer = MarianTokenizer.load(Golden.TINY_MODEL)) {
            int unk = tokenizer.unkId();
            Encoding source = tokenizer.encode("قال 7001 إن");
            Encoding target = tokenizer.encodeTarget("He said 7001 that");
            int[] sourceDigits = idsOf(source, "7001");
            int[] targetDigits = idsOf(target, "7001");
            assertTrue(sourceDigits.length > 0);
            assertArrayEquals(sourceDigits, targetDigits, "the model can copy the placeholder id by id");
            assertTrue(Arrays.stream(sourceDigits).noneMatch(id -> id == unk));

            Encoding bracket = tokenizer.encode("قال ⟦1⟧ إن");
            int bracketUnks = (int) Arrays.stream(bracket.ids()).filter(id -> id == unk).count();
            assertEquals(2, bracketUnks, "⟦ and ⟧ are <unk>, which decoding drops: " + bracket.pieces());
        }
    }

    /** Ids of the pieces that spell {@code digits} (the pieces made only of digits). */
    private static int[] idsOf(Encoding e, String digits) {
        StringBuilder spelled = new StringBuilder();
        int[] ids = e.ids();
        int[] out = new int[ids.length];
        int n = 0;
        for (int i = 0; i < e.pieces().size(); i++) {
            String p = e.pieces().get(i).replace("\u2581", "");
            if (!p.isEmpty() && p.chars().allMatch(Character::isDigit)) {
                spelled.append(p);
                out[n++] = ids[i];
            }
        }
        assertEquals(digits, spelled.toString(), e.pieces().toString());
        return Arrays.copyOf(out, n);
    }
}
