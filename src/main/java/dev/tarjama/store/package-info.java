/**
 * State that replicas of {@code serve} share, behind one small interface per kind: glossaries
 * ({@link dev.tarjama.glossary.Glossaries}), story revisions ({@link dev.tarjama.translation.RevisionStore}),
 * API-key quotas ({@link dev.tarjama.store.QuotaStore}) and the second-level sentence cache
 * ({@link dev.tarjama.translation.SharedSentenceCache}). {@link dev.tarjama.store.SharedState#open}
 * picks the embedded implementations (files and this process's memory; quotas in an append-only log)
 * or the Redis ones (Lettuce; {@link dev.tarjama.store.StoreHealth} degrades to local state while
 * Redis does not answer).
 */
package dev.tarjama.store;
