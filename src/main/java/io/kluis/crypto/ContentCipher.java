package io.kluis.crypto;

import io.kluis.shared.AccountId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encrypts what a customer stores (file names, small contents, file contents) under the customer's
 * data key, the same key {@link PersonalDataCipher} seals personal fields with: destroying it
 * ({@link PersonalDataCipher#destroyDataKey}) crypto-shreds every copy of the contents too.
 *
 * <p>Byte values ({@link #sealBytes}) have the layout of {@link Sealed}. Streams
 * ({@link #sealing}, {@link #opening}) use the chunked format of docs/encryption-at-rest.md:
 * a header, then AES-256-GCM chunks of {@value #CHUNK_SIZE} plaintext bytes under a key derived
 * per stream, so any range can be read by decrypting only the chunks it touches.
 */
public interface ContentCipher {

	/** Plaintext bytes per chunk of a sealed stream (the last chunk may hold fewer). */
	int CHUNK_SIZE = 64 * 1024;

	/** Encrypts bytes under the subject's data key, creating the key on first use. */
	byte[] sealBytes(AccountId subject, String field, byte[] plaintext);

	/**
	 * Decrypts bytes sealed for this subject and field.
	 * @throws DataKeyDestroyedException when the subject was crypto-shredded
	 * @throws IllegalArgumentException when the value fails authentication
	 */
	byte[] openBytes(AccountId subject, String field, byte[] sealed);

	/**
	 * A keyed hash of a canonical value under a key derived from the subject's data key: equal
	 * values of one subject and field hash alike (lookups, uniqueness), nothing else can be told,
	 * and the hash means nothing once the key is destroyed. 16 bytes.
	 */
	byte[] subjectIndex(AccountId subject, String field, String canonicalValue);

	/** How many bytes a stream of {@code plaintextLength} bytes takes once sealed. */
	long sealedLength(long plaintextLength);

	/**
	 * A stream that encrypts what is written to it into {@code out}. {@link SealingStream#finish()}
	 * writes the last chunk; without it the sealed stream is incomplete and will not open.
	 */
	SealingStream sealing(AccountId subject, String field, OutputStream out);

	/**
	 * A new header for a sealed stream that is written in pieces, over several requests or nodes
	 * ({@link #sealingPiece}): a random salt and nonce prefix, not secret, to be kept with the
	 * pieces' state until the stream is whole.
	 */
	byte[] newStreamHeader();

	/**
	 * How many bytes of a sealed stream of {@code totalLength} plaintext bytes, written in pieces,
	 * exist once its first {@code received} bytes arrived: none before the first byte, then the
	 * header and every whole chunk, and {@link #sealedLength} once all arrived.
	 */
	long sealedPrefix(long totalLength, long received);

	/**
	 * Seals one piece of a stream of {@code totalLength} plaintext bytes that began with
	 * {@code header}: {@code count} bytes from {@code piece}, which follow the first
	 * {@code received} bytes of the stream. {@code carried} are the last of those, the
	 * {@link SealedPiece#rest()} of the piece before (empty for the first). Reading the returned
	 * stream pulls the piece and yields the header (first piece only) and every chunk the carried
	 * bytes and the piece fill; the chunk with the stream's last byte is sealed as the last. The
	 * plaintext after the last whole chunk is not sealed: {@link SealedPiece#rest()} returns it, for
	 * the caller to keep (sealed otherwise) and carry into the next piece. The same plaintext at the
	 * same place of a stream always seals to the same bytes (the nonce is the chunk's index), so a
	 * piece sent again must carry the same bytes for the stream to stay confidential.
	 */
	SealedPiece sealingPiece(AccountId subject, String field, byte[] header, long totalLength, byte[] carried,
			long received, InputStream piece, long count);

	/**
	 * Decrypts {@code length} plaintext bytes from {@code offset} of a sealed stream of
	 * {@code plaintextLength} bytes, reading only the header and the chunks the range touches.
	 * A read fails with an {@link IOException} when the stored bytes were changed, reordered or
	 * cut short.
	 */
	InputStream opening(AccountId subject, String field, SealedSource source, long plaintextLength, long offset,
			long length) throws IOException;

	/** Where a sealed stream's bytes are read from: a range of them at a time. */
	@FunctionalInterface
	interface SealedSource {

		InputStream open(long offset, long length) throws IOException;
	}

	/** The sealed bytes of one piece of a stream ({@link #sealingPiece}), read as they are sealed. */
	abstract class SealedPiece extends InputStream {

		/** How many sealed bytes reading yields. */
		public abstract long length();

		/**
		 * The plaintext after the piece's last whole chunk (empty when the piece ends on a chunk
		 * boundary or the stream's end), once the piece was read to its end.
		 */
		public abstract byte[] rest();
	}

	/** An output stream that encrypts; {@link #finish()} ends the sealed stream. */
	abstract class SealingStream extends OutputStream {

		/** Writes the last chunk and flushes; does not close the underlying stream. */
		public abstract void finish() throws IOException;

		/** How many plaintext bytes were written. */
		public abstract long plaintextLength();
	}
}
