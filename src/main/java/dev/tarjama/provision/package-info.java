/**
 * Getting a model onto disk and finding it again, in plain Java (no DJL, no HTTP framework):
 * {@link dev.tarjama.provision.ModelDownloader} fetches a MarianMT repository from a Hugging Face
 * compatible hub (resumable, verified, renamed into place only when complete), and
 * {@link dev.tarjama.provision.ModelLocator} decides which model directory {@code serve} uses.
 */
package dev.tarjama.provision;
