package io.kluis.crypto.internal;

import io.kluis.crypto.ContentCipher;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The chunked AES-256-GCM stream format (docs/encryption-at-rest.md).
 *
 * <pre>
 * header  = "KLC" 0x01 | salt (16 random bytes) | nonce prefix (8 random bytes)      28 bytes
 * chunk i = AES-256-GCM(K, nonce = prefix | uint32 i, aad = header | uint32 i | last) plaintext
 *           of CHUNK_SIZE bytes (every chunk but the last; the last holds 0..CHUNK_SIZE) + 16-byte tag
 * K       = HMAC-SHA256(data key, "kluis/chunked/v1" 0x00 | context | salt)
 * </pre>
 *
 * A fresh key per stream (random salt) means nonces never repeat under one key; the chunk index in
 * nonce and associated data stops reordering, the last-chunk flag stops truncation at a chunk
 * boundary, and the header in the associated data stops splicing chunks of two streams.
 */
final class ChunkedAead {

	static final int CHUNK = ContentCipher.CHUNK_SIZE;

	static final int TAG = 16;

	static final int HEADER = 28;

	private static final byte[] MAGIC = { 'K', 'L', 'C', 1 };

	private static final byte[] LABEL = "kluis/chunked/v1\0".getBytes(StandardCharsets.US_ASCII);

	private static final SecureRandom RANDOM = new SecureRandom();

	private ChunkedAead() {
	}

	static long chunks(long plaintextLength) {
		return plaintextLength == 0 ? 1 : (plaintextLength + CHUNK - 1) / CHUNK;
	}

	static long sealedLength(long plaintextLength) {
		return HEADER + plaintextLength + TAG * chunks(plaintextLength);
	}

	static ContentCipher.SealingStream sealing(SecretKey dataKey, byte[] context, OutputStream out) {
		byte[] header = newHeader();
		return new Sealing(streamKey(dataKey, context, header), header, out);
	}

	/** A header with a fresh random salt and nonce prefix. */
	static byte[] newHeader() {
		byte[] header = new byte[HEADER];
		System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
		byte[] random = new byte[HEADER - MAGIC.length];
		RANDOM.nextBytes(random);
		System.arraycopy(random, 0, header, MAGIC.length, random.length);
		return header;
	}

	/**
	 * How many bytes of a sealed stream of {@code totalLength} plaintext bytes are written once its
	 * first {@code received} bytes arrived and every chunk they fill is sealed: none before the first
	 * byte, then the header and the whole chunks, all of it at the end.
	 */
	static long sealedPrefix(long totalLength, long received) {
		if (received < 0 || received > totalLength) {
			throw new IllegalArgumentException("received outside the stream");
		}
		if (received == totalLength) {
			return sealedLength(totalLength);
		}
		return received == 0 ? 0 : HEADER + (received / CHUNK) * (CHUNK + TAG);
	}

	static ContentCipher.SealedPiece sealingPiece(SecretKey dataKey, byte[] context, byte[] header, long totalLength,
			byte[] carried, long received, InputStream piece, long count) {
		if (header.length != HEADER || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
			throw new IllegalArgumentException("not a sealed stream's header");
		}
		long from = received - carried.length;
		if (from < 0 || from % CHUNK != 0 || count < 0 || received + count > totalLength) {
			throw new IllegalArgumentException("piece outside the stream, or carried bytes not from a chunk's start");
		}
		return new Piece(streamKey(dataKey, context, header), header, totalLength, from, received == 0,
				new SequenceInputStream(new ByteArrayInputStream(carried), piece), carried.length + count);
	}

	static InputStream opening(SecretKey dataKey, byte[] context, ContentCipher.SealedSource source,
			long plaintextLength, long offset, long length) throws IOException {
		if (offset < 0 || length < 0 || offset + length > plaintextLength) {
			throw new IllegalArgumentException("range outside the contents");
		}
		if (length == 0) {
			return InputStream.nullInputStream();
		}
		byte[] header;
		try (InputStream in = source.open(0, HEADER)) {
			header = in.readNBytes(HEADER);
		}
		if (header.length != HEADER || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
			throw new IOException("not sealed contents");
		}
		long first = offset / CHUNK;
		long last = (offset + length - 1) / CHUNK;
		long from = HEADER + first * (CHUNK + TAG);
		long to = Math.min(HEADER + (last + 1) * (CHUNK + TAG), sealedLength(plaintextLength));
		InputStream chunks = source.open(from, to - from);
		return new Opening(streamKey(dataKey, context, header), header, chunks, chunks(plaintextLength) - 1,
				plaintextLength, first, (int) (offset - first * CHUNK), length);
	}

	private static SecretKey streamKey(SecretKey dataKey, byte[] context, byte[] header) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(dataKey.getEncoded(), "HmacSHA256"));
			mac.update(LABEL);
			mac.update(context);
			mac.update(header, MAGIC.length, 16);
			return new SecretKeySpec(mac.doFinal(), "AES");
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 unavailable", e);
		}
	}

	private static Cipher cipher() {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM unavailable", e);
		}
	}

	private static GCMParameterSpec nonce(byte[] header, long index) {
		byte[] nonce = ByteBuffer.allocate(12).put(header, MAGIC.length + 16, 8).putInt((int) index).array();
		return new GCMParameterSpec(TAG * 8, nonce);
	}

	private static byte[] aad(byte[] header, long index, boolean last) {
		return ByteBuffer.allocate(HEADER + 5).put(header).putInt((int) index).put((byte) (last ? 1 : 0)).array();
	}

	private static final class Sealing extends ContentCipher.SealingStream {

		private final SecretKey key;

		private final byte[] header;

		private final OutputStream out;

		private final Cipher cipher = cipher();

		private final byte[] buffer = new byte[CHUNK];

		private final byte[] sealed = new byte[CHUNK + TAG];

		private int filled;

		private long index;

		private long total;

		private boolean headerWritten;

		private boolean finished;

		Sealing(SecretKey key, byte[] header, OutputStream out) {
			this.key = key;
			this.header = header;
			this.out = out;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			if (finished) {
				throw new IOException("sealed stream already finished");
			}
			while (len > 0) {
				if (filled == CHUNK) {
					// more is coming, so the full chunk is not the last
					emit(false);
				}
				int n = Math.min(len, CHUNK - filled);
				System.arraycopy(b, off, buffer, filled, n);
				filled += n;
				off += n;
				len -= n;
				total += n;
			}
		}

		@Override
		public void finish() throws IOException {
			if (!finished) {
				emit(true);
				finished = true;
				out.flush();
			}
		}

		@Override
		public long plaintextLength() {
			return total;
		}

		@Override
		public void flush() throws IOException {
			out.flush();
		}

		/** Finishes; the underlying stream stays open (its owner commits or discards it). */
		@Override
		public void close() throws IOException {
			finish();
		}

		private void emit(boolean last) throws IOException {
			if (!headerWritten) {
				out.write(header);
				headerWritten = true;
			}
			if (index > 0xFFFFFFFFL) {
				throw new IOException("contents too large for the sealed format");
			}
			try {
				cipher.init(Cipher.ENCRYPT_MODE, key, nonce(header, index));
				cipher.updateAAD(aad(header, index, last));
				int n = cipher.doFinal(buffer, 0, filled, sealed, 0);
				out.write(sealed, 0, n);
			}
			catch (GeneralSecurityException e) {
				throw new IllegalStateException("AES-GCM failed", e);
			}
			index++;
			filled = 0;
		}
	}

	/**
	 * Seals the chunks of a stream from {@code from} (a chunk's start) as the plaintext arrives,
	 * pulled by the reader: every whole chunk, and the stream's last chunk when the piece reaches the
	 * end. Plaintext after the last whole chunk is not sealed; {@link #rest()} returns it.
	 */
	private static final class Piece extends ContentCipher.SealedPiece {

		private final SecretKey key;

		private final byte[] header;

		private final InputStream plaintext;

		private final long lastIndex;

		private final long totalLength;

		private final long length;

		private final boolean reachesEnd;

		private final Cipher cipher = cipher();

		private final byte[] plain = new byte[CHUNK];

		private final byte[] sealed = new byte[CHUNK + TAG];

		private long index;

		private long remaining;

		private byte[] pending;

		private int position;

		private int available;

		private boolean headerDue;

		private byte @Nullable [] rest;

		Piece(SecretKey key, byte[] header, long totalLength, long from, boolean first, InputStream plaintext,
				long count) {
			this.key = key;
			this.header = header;
			this.plaintext = plaintext;
			this.totalLength = totalLength;
			this.lastIndex = chunks(totalLength) - 1;
			this.index = from / CHUNK;
			this.remaining = count;
			this.reachesEnd = from + count == totalLength;
			this.headerDue = first;
			this.pending = sealed;
			long wholeChunks = reachesEnd ? lastIndex - index + 1 : count / CHUNK;
			long plainInChunks = reachesEnd ? count : wholeChunks * CHUNK;
			this.length = (headerDue ? HEADER : 0) + plainInChunks + wholeChunks * TAG;
		}

		@Override
		public long length() {
			return length;
		}

		@Override
		public byte[] rest() {
			if (rest == null) {
				throw new IllegalStateException("the piece was not read to its end");
			}
			return rest;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			if (position == available && !fill()) {
				return -1;
			}
			int n = Math.min(len, available - position);
			System.arraycopy(pending, position, b, off, n);
			position += n;
			return n;
		}

		/** Whole sealed chunks straight to {@code out}, one write each (not the 8 KiB of the default). */
		@Override
		public long transferTo(OutputStream out) throws IOException {
			long transferred = 0;
			while (position < available || fill()) {
				int n = available - position;
				out.write(pending, position, n);
				position = available;
				transferred += n;
			}
			return transferred;
		}

		/** Makes the next sealed bytes available; false at the end of the piece. */
		private boolean fill() throws IOException {
			if (headerDue) {
				headerDue = false;
				pending = header;
				position = 0;
				available = HEADER;
				takeRestWhenNoChunkFollows();
				return true;
			}
			takeRestWhenNoChunkFollows();
			if (rest != null) {
				return false;
			}
			int size = chunkSize();
			int read = plaintext.readNBytes(plain, 0, size);
			if (read != size) {
				throw new EOFException("the piece was cut short");
			}
			remaining -= size;
			if (index > 0xFFFFFFFFL) {
				throw new IOException("contents too large for the sealed format");
			}
			boolean last = index == lastIndex;
			try {
				cipher.init(Cipher.ENCRYPT_MODE, key, nonce(header, index));
				cipher.updateAAD(aad(header, index, last));
				available = cipher.doFinal(plain, 0, size, sealed, 0);
			}
			catch (GeneralSecurityException e) {
				throw new IllegalStateException("AES-GCM failed", e);
			}
			pending = sealed;
			position = 0;
			index++;
			takeRestWhenNoChunkFollows();
			return true;
		}

		private int chunkSize() {
			return (int) Math.min(CHUNK, totalLength - index * CHUNK);
		}

		/**
		 * Once the piece fills no further chunk, reads the plaintext left (before the last sealed
		 * bytes are handed out, so a piece cut short there fails while the caller still writes).
		 */
		private void takeRestWhenNoChunkFollows() throws IOException {
			if (rest != null) {
				return;
			}
			if (index > lastIndex) {
				rest = new byte[0];
			}
			else if (!reachesEnd && remaining < chunkSize()) {
				// a chunk the piece does not fill: kept back, unsealed, for the caller to keep sealed otherwise
				byte[] tail = plaintext.readNBytes((int) remaining);
				if (tail.length != remaining) {
					throw new EOFException("the piece was cut short");
				}
				remaining = 0;
				rest = tail;
			}
		}
	}

	private static final class Opening extends InputStream {

		private final SecretKey key;

		private final byte[] header;

		private final InputStream in;

		private final long lastIndex;

		private final long plaintextLength;

		private final Cipher cipher = cipher();

		private final byte[] sealed = new byte[CHUNK + TAG];

		private final byte[] plain = new byte[CHUNK];

		private long index;

		private int skip;

		private long remaining;

		private int position;

		private int available;

		Opening(SecretKey key, byte[] header, InputStream in, long lastIndex, long plaintextLength, long first,
				int skip, long length) {
			this.key = key;
			this.header = header;
			this.in = in;
			this.lastIndex = lastIndex;
			this.plaintextLength = plaintextLength;
			this.index = first;
			this.skip = skip;
			this.remaining = length;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			if (remaining == 0) {
				return -1;
			}
			if (position == available) {
				int plainSize = plainSize();
				if (skip == 0 && len >= plainSize && remaining >= plainSize) {
					// a whole chunk wanted: decrypt straight into the caller's buffer, no copy
					int n = next(b, off);
					remaining -= n;
					return n;
				}
				available = next(plain, 0);
				position = skip;
				skip = 0;
			}
			int n = (int) Math.min(Math.min(len, available - position), remaining);
			System.arraycopy(plain, position, b, off, n);
			position += n;
			remaining -= n;
			return n;
		}

		private int plainSize() {
			return index == lastIndex ? (int) (plaintextLength - lastIndex * CHUNK) : CHUNK;
		}

		/** Decrypts the next chunk into {@code target}; returns its plaintext length. */
		private int next(byte[] target, int at) throws IOException {
			boolean last = index == lastIndex;
			int plainSize = plainSize();
			int read = in.readNBytes(sealed, 0, plainSize + TAG);
			if (read != plainSize + TAG) {
				throw new EOFException("sealed contents cut short");
			}
			int n;
			try {
				cipher.init(Cipher.DECRYPT_MODE, key, nonce(header, index));
				cipher.updateAAD(aad(header, index, last));
				n = cipher.doFinal(sealed, 0, read, target, at);
			}
			catch (AEADBadTagException e) {
				throw new IOException("sealed contents failed authentication");
			}
			catch (GeneralSecurityException e) {
				throw new IllegalStateException("AES-GCM failed", e);
			}
			index++;
			return n;
		}

		@Override
		public void close() throws IOException {
			in.close();
		}
	}
}
