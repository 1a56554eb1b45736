package io.kluis.audit.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The hash that links an entry to its predecessor: SHA-256 over a binary encoding in which every
 * field has a fixed size or a length prefix, so no two different entries encode to the same bytes
 * (with a separator-joined string, {@code code="a|b", details=""} and {@code code="a", details="b"}
 * could collide). The details are hashed as sorted key/value pairs, not as the stored JSON text, so
 * the hash does not depend on how a JSON library escapes characters.
 *
 * <p>Why no secret key (HMAC): a key on the same host as the database stops no one who controls that
 * host, and a lost or rotated key would make the whole history unverifiable. What catches a chain
 * rewritten from some point onward is the head hash logged off-host ({@link ChainAnchors}); the hash
 * chain makes a single altered, removed or reordered entry visible.
 *
 * <p>Changing this encoding breaks every existing chain: add a new version prefix instead.
 */
final class ChainHash {

	static final String GENESIS = "0".repeat(64);

	private static final byte[] VERSION = "kluis-audit-v1".getBytes(StandardCharsets.UTF_8);

	private ChainHash() {
	}

	static String of(long sequence, Instant occurredAt, String code, @Nullable UUID actor, @Nullable UUID subject,
			Map<String, String> details, String prevHash) {
		var bytes = new ByteArrayOutputStream(256);
		try (var out = new DataOutputStream(bytes)) {
			writeBytes(out, VERSION);
			out.writeLong(sequence);
			out.writeLong(occurredAt.getEpochSecond());
			out.writeInt(occurredAt.getNano());
			writeString(out, code);
			writeUuid(out, actor);
			writeUuid(out, subject);
			SortedMap<String, String> sorted = new TreeMap<>(details);
			out.writeInt(sorted.size());
			for (var detail : sorted.entrySet()) {
				writeString(out, detail.getKey());
				writeString(out, detail.getValue());
			}
			writeString(out, prevHash);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return HexFormat.of().formatHex(sha256(bytes.toByteArray()));
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
	}

	private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
		out.writeInt(value.length);
		out.write(value);
	}

	private static void writeUuid(DataOutputStream out, @Nullable UUID value) throws IOException {
		if (value == null) {
			out.writeByte(0);
			return;
		}
		out.writeByte(1);
		out.writeLong(value.getMostSignificantBits());
		out.writeLong(value.getLeastSignificantBits());
	}

	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 unavailable", e);
		}
	}
}
