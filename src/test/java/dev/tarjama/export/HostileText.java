package dev.tarjama.export;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of hostile text and of documents made of it, for the escaping properties. */
final class HostileText {
    private HostileText() {}

    static final List<String> TOKENS = List.of(
            "<script>alert(1)</script>", "</p></div></section>", "]]>", "<![CDATA[", "<!--", "-->", "<?xml",
            "&", "&amp;", "&lt;", "&#0;", "&copy;", "\"", "'", "\t", "\n", "\r", "\r\n", " ", "  ",
            "|", "\\", "`", "*", "_", "[x](javascript:y)", "<br>", ",", ";", "=SUM(A1)", "# ", "- ",
            "\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u001F", "\u007F", "\u0085", "\u009F",
            "\uFFFE", "\uFFFF", "\uD83D\uDE00", "\uD83C\uDDF8\uD83C\uDDE6", "\uD800", "\uDC00", "\uDBFF",
            "\u200F", "\u200E", "\u202E", "\u202B", "\u2066", "\u2069", "\u200D", "\uFEFF", "\u00A0",
            "لافروف", "كوريا الشمالية", "٢٠٢٤", "«حل»", "ـ", "Lavrov", "2022.");

    /** Concatenations of hostile tokens and arbitrary UTF-16 chars (lone surrogates included). */
    static Arbitrary<String> strings() {
        Arbitrary<String> tokens = Arbitraries.of(TOKENS);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(6);
        return Arbitraries.oneOf(tokens, tokens, any).list().ofMaxSize(8).map(l -> String.join("", l));
    }

    /** Documents of 1–3 paragraphs of 1–3 hostile sentence pairs, with consistent offsets. */
    static Arbitrary<TranslatedDocument> documents() {
        Arbitrary<String[]> pair = Combinators.combine(strings(), strings()).as((a, b) -> new String[] {a, b});
        Arbitrary<List<List<String[]>>> shape = pair.list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Double> score = Arbitraries.doubles().between(-20, 0);
        return Combinators.combine(shape, strings(), strings(), score).as(HostileText::document);
    }

    static TranslatedDocument document(List<List<String[]>> shape, String modelId, String revision, double score) {
        List<TranslatedParagraph> paragraphs = new ArrayList<>();
        int pos = 0;
        int index = 0;
        for (List<String[]> pairs : shape) {
            int start = pos;
            List<TranslatedSentence> sentences = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            List<String> targets = new ArrayList<>();
            for (String[] p : pairs) {
                if (!sentences.isEmpty()) {
                    pos += 1; // the single space between sentences
                }
                sentences.add(new TranslatedSentence(index, pos, pos + p[0].length(), p[0], p[1],
                        score * (index + 1), index % 2 == 0, index % 3 == 0));
                pos += p[0].length();
                sources.add(p[0]);
                targets.add(p[1]);
                index++;
            }
            paragraphs.add(new TranslatedParagraph(paragraphs.size(), start, pos,
                    String.join(" ", sources), String.join(" ", targets), sentences));
            pos += 1; // newline between paragraphs
        }
        return new TranslatedDocument(new TranslatedDocument.ModelRef(modelId, revision), paragraphs,
                new TranslatedDocument.DocumentStats(index, 0, 0));
    }

    /** What every export must carry for {@code s}: s without the code points XML 1.0 forbids. */
    static String expected(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().filter(HostileText::xmlChar).forEach(b::appendCodePoint);
        return b.toString();
    }

    private static boolean xmlChar(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            return false;
        }
        return c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE; // lone surrogates stay as chars
    }

    static List<TranslatedSentence> sentences(TranslatedDocument doc) {
        return doc.paragraphs().stream().flatMap(p -> p.sentences().stream()).toList();
    }
}
