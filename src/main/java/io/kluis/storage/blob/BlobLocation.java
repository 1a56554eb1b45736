package io.kluis.storage.blob;

/**
 * Where a blob store keeps data, as the privacy policy and the EU-1 start-up check see it.
 *
 * @param kind {@code filesystem} or {@code s3}
 * @param region the region as the backend names it ({@code local} for a local filesystem, whose
 *        location is the location of the server itself)
 * @param description a short text for the admin pages, without secrets
 */
public record BlobLocation(String kind, String region, String description) {
}
