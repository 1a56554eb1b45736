package io.kluis.storage.share;

import java.time.Instant;
import java.util.UUID;

/** One line of a link's access log: when, what, and from which network ("198.51.100.0/24", "2001:db8:1::/48"). */
public record ShareAccessEntry(UUID share, Instant at, ShareEvent event, String network) {
}
