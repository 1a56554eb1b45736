package io.kluis.crypto.internal;

import io.kluis.crypto.ContentCipher;
import io.kluis.shared.AccountId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Service;

/**
 * {@link ContentCipher} on the subject data keys of {@link EnvelopeCipher} (same store, same
 * cache, same crypto-shredding): byte values with {@link Aead}, streams with {@link ChunkedAead},
 * per-subject indexes with HMAC-SHA256 under a key derived from the data key.
 */
@Service
class SubjectContentCipher implements ContentCipher {

	private static final byte[] INDEX_LABEL = "kluis/subject-index/v1\0".getBytes(StandardCharsets.US_ASCII);

	private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
		try {
			return Mac.getInstance("HmacSHA256");
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 unavailable", e);
		}
	});

	private final EnvelopeCipher keys;

	SubjectContentCipher(EnvelopeCipher keys) {
		this.keys = keys;
	}

	@Override
	public byte[] sealBytes(AccountId subject, String field, byte[] plaintext) {
		return Aead.seal(keys.dataKeyForWriting(subject), plaintext, EnvelopeCipher.context(subject, field));
	}

	@Override
	public byte[] openBytes(AccountId subject, String field, byte[] sealed) {
		try {
			return Aead.open(keys.existingDataKey(subject), sealed, EnvelopeCipher.context(subject, field));
		}
		catch (Aead.TamperedException e) {
			throw new IllegalArgumentException("sealed value failed authentication");
		}
	}

	@Override
	public byte[] subjectIndex(AccountId subject, String field, String canonicalValue) {
		SecretKey dataKey = keys.dataKeyForWriting(subject);
		try {
			Mac mac = MACS.get();
			mac.init(new SecretKeySpec(dataKey.getEncoded(), "HmacSHA256"));
			mac.update(INDEX_LABEL);
			mac.update(EnvelopeCipher.context(subject, field));
			byte[] fieldKey = mac.doFinal();
			mac.init(new SecretKeySpec(fieldKey, "HmacSHA256"));
			return Arrays.copyOf(mac.doFinal(canonicalValue.getBytes(StandardCharsets.UTF_8)), 16);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 unavailable", e);
		}
	}

	@Override
	public long sealedLength(long plaintextLength) {
		return ChunkedAead.sealedLength(plaintextLength);
	}

	@Override
	public SealingStream sealing(AccountId subject, String field, OutputStream out) {
		return ChunkedAead.sealing(keys.dataKeyForWriting(subject), EnvelopeCipher.context(subject, field), out);
	}

	@Override
	public byte[] newStreamHeader() {
		return ChunkedAead.newHeader();
	}

	@Override
	public long sealedPrefix(long totalLength, long received) {
		return ChunkedAead.sealedPrefix(totalLength, received);
	}

	@Override
	public SealedPiece sealingPiece(AccountId subject, String field, byte[] header, long totalLength, byte[] carried,
			long received, InputStream piece, long count) {
		return ChunkedAead.sealingPiece(keys.dataKeyForWriting(subject), EnvelopeCipher.context(subject, field),
				header, totalLength, carried, received, piece, count);
	}

	@Override
	public InputStream opening(AccountId subject, String field, SealedSource source, long plaintextLength, long offset,
			long length) throws IOException {
		return ChunkedAead.opening(keys.existingDataKey(subject), EnvelopeCipher.context(subject, field), source,
				plaintextLength, offset, length);
	}
}
