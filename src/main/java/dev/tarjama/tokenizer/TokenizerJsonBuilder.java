package dev.tarjama.tokenizer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns a unigram {@link SentencePieceModel} into a Hugging Face {@code tokenizer.json} document,
 * following transformers' {@code SpmConverter}: a {@code Precompiled} normalizer carrying the
 * model's compiled character map, whitespace clean-up, a {@code Metaspace} pre-tokenizer and a
 * {@code Unigram} model with the piece scores. No post-processor: callers add {@code </s>}.
 *
 * <p>Two deliberate differences from {@code SpmConverter}, both to stay closer to SentencePiece
 * itself: with {@code remove_extra_whitespaces} the text is stripped on both sides (not only on the
 * right), and CONTROL, UNKNOWN and UNUSED pieces are renamed so that the Unigram lattice can never
 * match them in input text (SentencePiece never matches them either). Their ids are unchanged;
 * unknown runs still come back with their surface string as the token.
 */
public final class TokenizerJsonBuilder {
    static final String SPACE_SYMBOL = "\u2581";

    private TokenizerJsonBuilder() {}

    /** Builds the tokenizer.json text for {@code model}. */
    public static String build(SentencePieceModel model) {
        String source = model.source();
        if (model.byteFallback()) {
            throw new TokenizerException("SentencePiece model " + source
                    + " uses byte_fallback, which this tokenizer does not support");
        }
        NormalizerSpec spec = model.normalizerSpec();
        if (!spec.escapeWhitespaces()) {
            throw new TokenizerException("SentencePiece model " + source
                    + " has escape_whitespaces=false, which this tokenizer does not support");
        }
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        root.add("added_tokens", new JsonArray());
        root.add("normalizer", normalizer(spec));
        root.add("pre_tokenizer", metaspace(spec));
        root.add("post_processor", JsonNull.INSTANCE);
        root.add("decoder", metaspace(spec));
        root.add("model", unigram(model));
        return new GsonBuilder().disableHtmlEscaping().create().toJson(root);
    }

    private static JsonObject normalizer(NormalizerSpec spec) {
        JsonArray steps = new JsonArray();
        if (spec.hasPrecompiledCharsmap()) {
            JsonObject precompiled = new JsonObject();
            precompiled.addProperty("type", "Precompiled");
            precompiled.addProperty("precompiled_charsmap",
                    Base64.getEncoder().encodeToString(spec.precompiledCharsmap()));
            steps.add(precompiled);
        }
        if (spec.removeExtraWhitespaces()) {
            JsonObject strip = new JsonObject();
            strip.addProperty("type", "Strip");
            strip.addProperty("strip_left", true);
            strip.addProperty("strip_right", true);
            steps.add(strip);
            JsonObject pattern = new JsonObject();
            pattern.addProperty("Regex", " {2,}");
            JsonObject collapse = new JsonObject();
            collapse.addProperty("type", "Replace");
            collapse.add("pattern", pattern);
            collapse.addProperty("content", SPACE_SYMBOL);
            steps.add(collapse);
        }
        JsonObject sequence = new JsonObject();
        sequence.addProperty("type", "Sequence");
        sequence.add("normalizers", steps);
        return sequence;
    }

    private static JsonObject metaspace(NormalizerSpec spec) {
        JsonObject metaspace = new JsonObject();
        metaspace.addProperty("type", "Metaspace");
        metaspace.addProperty("replacement", SPACE_SYMBOL);
        metaspace.addProperty("prepend_scheme", spec.addDummyPrefix() ? "always" : "never");
        metaspace.addProperty("split", true);
        return metaspace;
    }

    private static JsonObject unigram(SentencePieceModel model) {
        Set<String> used = new HashSet<>();
        for (SentencePieceModel.Piece p : model.pieces()) {
            used.add(p.text());
        }
        JsonArray vocab = new JsonArray();
        for (SentencePieceModel.Piece p : model.pieces()) {
            String text = p.text();
            if (!matchable(p.type())) {
                text = unmatchable(text);
                if (!used.add(text)) {
                    throw new TokenizerException("SentencePiece model " + model.source()
                            + ": cannot give piece '" + p.text() + "' an unmatchable name");
                }
            }
            JsonArray entry = new JsonArray();
            entry.add(text);
            entry.add((double) p.score()); // the exact float value, as SentencePiece scores it
            vocab.add(entry);
        }
        JsonObject unigram = new JsonObject();
        unigram.addProperty("type", "Unigram");
        unigram.addProperty("unk_id", model.unkId());
        unigram.add("vocab", vocab);
        unigram.addProperty("byte_fallback", false);
        return unigram;
    }

    private static boolean matchable(SentencePieceModel.PieceType type) {
        return type == SentencePieceModel.PieceType.NORMAL
                || type == SentencePieceModel.PieceType.USER_DEFINED;
    }

    /**
     * The Metaspace pre-tokenizer (split=true) starts a new word at every "▁", so no word has a "▁"
     * after its first character and a vocab entry ending in "▁" can never match.
     */
    private static String unmatchable(String piece) {
        return piece + SPACE_SYMBOL + SPACE_SYMBOL;
    }
}
