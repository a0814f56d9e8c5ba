/**
 * Newsroom glossaries, free of DJL and HTTP: {@link dev.tarjama.glossary.GlossaryEntry entries} and
 * {@link dev.tarjama.glossary.Glossary glossaries} with normalization-aware
 * {@link dev.tarjama.glossary.TermMatcher matching}, DeepL-style CSV/TSV
 * ({@link dev.tarjama.glossary.GlossaryFormat}), a file-backed {@link dev.tarjama.glossary.GlossaryStore},
 * enforcement by placeholder masking ({@link dev.tarjama.glossary.GlossaryMasker}) that reports every
 * term the model lost, and {@link dev.tarjama.glossary.ArticleConsistency} for names rendered two ways
 * in one article.
 */
package dev.tarjama.glossary;
