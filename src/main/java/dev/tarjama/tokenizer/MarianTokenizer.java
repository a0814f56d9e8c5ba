package dev.tarjama.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hugging Face {@code MarianTokenizer} (transformers 4.43.4) for a Marian model directory:
 * {@code source.spm}, {@code target.spm}, {@code vocab.json} and optionally
 * {@code tokenizer_config.json}. SentencePiece runs through DJL's Hugging Face tokenizers on a
 * tokenizer.json built from the .spm file; Marian's own rules (literal special tokens,
 * {@code >>xx<<} language codes, the joint vocab, {@code </s>}) are applied here. Nothing is ever
 * truncated. Thread-safe; {@link #close()} releases the native tokenizers.
 */
public final class MarianTokenizer implements AutoCloseable {
    /** transformers' {@code language_code_re} {@code >>.+<<}; Python's "." excludes only "\n". */
    private static final Pattern LANGUAGE_CODE = Pattern.compile(">>[^\n]+<<");

    private final Vocab vocab;
    private final HuggingFaceTokenizer source;
    private final HuggingFaceTokenizer target;
    private final MarianDecoder decoder;
    private final SpecialTokenSplitter splitter;
    private final String eos;
    private final String unk;
    private final String pad;
    private final int eosId;
    private final int unkId;
    private final int padId;
    private final Set<Integer> specialIds;
    private final boolean cleanUpTokenizationSpaces;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private MarianTokenizer(SentencePieceModel sourceSpm, SentencePieceModel targetSpm, Vocab vocab,
                            MarianTokenizerConfig config) {
        this.vocab = vocab;
        this.eos = config.eosToken();
        this.unk = config.unkToken();
        this.pad = config.padToken();
        this.eosId = requireSpecial(vocab, eos, "eos_token");
        this.unkId = requireSpecial(vocab, unk, "unk_token");
        this.padId = requireSpecial(vocab, pad, "pad_token");
        this.specialIds = Set.copyOf(List.of(eosId, unkId, padId));
        this.cleanUpTokenizationSpaces = config.cleanUpTokenizationSpaces();
        this.splitter = new SpecialTokenSplitter(List.of(eos, unk, pad));
        this.decoder = new MarianDecoder(targetSpm, Set.copyOf(List.of(eos, unk, pad)));
        this.source = nativeTokenizer(sourceSpm);
        HuggingFaceTokenizer t;
        try {
            t = nativeTokenizer(targetSpm);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        this.target = t;
    }

    /**
     * Loads a Marian tokenizer directory; {@code clean_up_tokenization_spaces} comes from
     * tokenizer_config.json when the key is present, else true (the transformers 4.43 default).
     */
    public static MarianTokenizer load(Path modelDir) {
        return load(modelDir, MarianTokenizerConfig.load(modelDir.resolve("tokenizer_config.json")));
    }

    /**
     * Like {@link #load(Path)}, but {@code cleanUpTokenizationSpaces} replaces the config file's
     * setting (false reproduces transformers 4.45 and later).
     */
    public static MarianTokenizer load(Path modelDir, boolean cleanUpTokenizationSpaces) {
        return load(modelDir, MarianTokenizerConfig.load(modelDir.resolve("tokenizer_config.json"))
                .withCleanUp(cleanUpTokenizationSpaces));
    }

    private static MarianTokenizer load(Path modelDir, MarianTokenizerConfig config) {
        Vocab vocab = Vocab.load(modelDir.resolve("vocab.json"));
        SentencePieceModel sourceSpm = SentencePieceModel.load(modelDir.resolve("source.spm"));
        SentencePieceModel targetSpm = SentencePieceModel.load(modelDir.resolve("target.spm"));
        return new MarianTokenizer(sourceSpm, targetSpm, vocab, config);
    }

    private static int requireSpecial(Vocab vocab, String token, String key) {
        int id = vocab.id(token);
        if (id < 0) {
            throw new TokenizerException("Vocabulary " + vocab.source() + " has no " + key + " '" + token + "'");
        }
        return id;
    }

    private static HuggingFaceTokenizer nativeTokenizer(SentencePieceModel spm) {
        byte[] json = TokenizerJsonBuilder.build(spm).getBytes(StandardCharsets.UTF_8);
        // Explicit options: without them DJL truncates and pads to 512 by default.
        Map<String, String> options = Map.of(
                "addSpecialTokens", "false",
                "withOverflowingTokens", "false",
                "truncation", "false",
                "padding", "false");
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
        } catch (IOException | RuntimeException e) {
            throw new TokenizerException("Cannot build a tokenizer from " + spm.source() + ": " + e, e);
        }
    }

    /** Source-side encoding ({@code tokenizer(text)}): pieces and ids, ids ending with {@code </s>}. */
    public Encoding encode(String text) {
        return encode(text, source);
    }

    /** Target-side encoding ({@code tokenizer(text_target=text)}), as used for labels. */
    public Encoding encodeTarget(String text) {
        return encode(text, target);
    }

    /** Number of source ids for {@code text}, {@code </s>} included. */
    public int tokenCount(String text) {
        return encode(text).length();
    }

    private Encoding encode(String text, HuggingFaceTokenizer spm) {
        requireWellFormed(text);
        List<String> pieces = new ArrayList<>();
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("MarianTokenizer is closed");
            }
            for (SpecialTokenSplitter.Segment segment : splitter.split(text)) {
                if (segment.special()) {
                    pieces.add(segment.text());
                    continue;
                }
                String chunk = segment.text();
                Matcher code = LANGUAGE_CODE.matcher(chunk);
                if (code.lookingAt()) {
                    pieces.add(code.group());
                }
                chunk = code.reset().replaceAll("");
                if (!chunk.isEmpty()) {
                    pieces.addAll(Arrays.asList(spm.encode(chunk, false, false).getTokens()));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        int[] ids = new int[pieces.size() + 1];
        for (int i = 0; i < pieces.size(); i++) {
            int id = vocab.id(pieces.get(i));
            ids[i] = id < 0 ? unkId : id;
        }
        ids[pieces.size()] = eosId;
        return new Encoding(pieces, ids);
    }

    /** Python cannot encode unpaired surrogates as UTF-8, and JNI would silently mangle them. */
    private static void requireWellFormed(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("text has an unpaired UTF-16 surrogate at index " + i);
            }
        }
    }

    /** {@code decode(ids, skip_special_tokens=True)} with the configured clean-up setting. */
    public String decode(int[] ids) {
        return decode(ids, true, cleanUpTokenizationSpaces);
    }

    /** {@code decode(ids, skip_special_tokens=skipSpecial, clean_up_tokenization_spaces=cleanUp)}. */
    public String decode(int[] ids, boolean skipSpecial, boolean cleanUp) {
        List<String> pieces = new ArrayList<>(ids.length);
        for (int id : ids) {
            String piece = vocab.piece(id);
            if (!(skipSpecial && specialIds.contains(id))) {
                pieces.add(piece);
            }
        }
        return decoder.decode(pieces, cleanUp);
    }

    /** The vocab pieces for {@code ids} ({@code convert_ids_to_tokens}). */
    public List<String> idsToPieces(int[] ids) {
        List<String> pieces = new ArrayList<>(ids.length);
        for (int id : ids) {
            pieces.add(vocab.piece(id));
        }
        return List.copyOf(pieces);
    }

    public int eosId() {
        return eosId;
    }

    public int padId() {
        return padId;
    }

    public int unkId() {
        return unkId;
    }

    public int vocabSize() {
        return vocab.size();
    }

    public boolean cleanUpTokenizationSpaces() {
        return cleanUpTokenizationSpaces;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                source.close();
                target.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
