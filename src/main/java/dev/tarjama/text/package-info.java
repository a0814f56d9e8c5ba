/**
 * Source-side text handling, free of DJL and HTTP: {@link dev.tarjama.text.Segmenter} cuts an article
 * into paragraphs (lines) and sentences ({@link dev.tarjama.text.SentenceSplitter}) with UTF-16 offsets
 * into the submitted text; {@link dev.tarjama.text.SourceNormalizer} prepares a sentence for the model
 * the way OPUS-MT training data was prepared; {@link dev.tarjama.text.LongSentenceSplitter} cuts a
 * sentence over the token budget into pieces that fit, without losing any text.
 */
package dev.tarjama.text;
