package io.kluis.privacy.rights;

import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Streaming authenticated encryption for export files: AES-256-GCM over 64 KiB segments, each with
 * its own nonce (a random file prefix, the segment number and a last-segment flag), so neither
 * writing nor reading holds more than one segment in memory, and a truncated, reordered or
 * spliced file fails to open. (The JDK's GCM {@code CipherInputStream} would buffer the whole file
 * before releasing a byte.)
 *
 * <p>Layout: {@code "KLX1"}, 7-byte nonce prefix, then segments of up to 64 KiB plaintext + 16-byte tag.
 */
final class SegmentedEncryption {

	static final int KEY_BYTES = 32;

	private static final byte[] MAGIC = { 'K', 'L', 'X', '1' };

	private static final int PREFIX = 7;

	private static final int SEGMENT = 64 * 1024;

	private static final int TAG = 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	private SegmentedEncryption() {
	}

	static byte[] newKey() {
		byte[] key = new byte[KEY_BYTES];
		RANDOM.nextBytes(key);
		return key;
	}

	static OutputStream encrypting(OutputStream out, byte[] key) throws IOException {
		byte[] prefix = new byte[PREFIX];
		RANDOM.nextBytes(prefix);
		out.write(MAGIC);
		out.write(prefix);
		return new Encrypting(out, key, prefix);
	}

	static InputStream decrypting(InputStream in, byte[] key) throws IOException {
		byte[] header = in.readNBytes(MAGIC.length + PREFIX);
		if (header.length != MAGIC.length + PREFIX || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
			throw new IOException("not an encrypted export file");
		}
		return new Decrypting(in, key, Arrays.copyOfRange(header, MAGIC.length, header.length));
	}

	private static byte[] crypt(int mode, byte[] key, byte[] prefix, int segment, boolean last, byte[] input, int length)
			throws IOException {
		byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(segment).put((byte) (last ? 1 : 0)).array();
		try {
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
			return cipher.doFinal(input, 0, length);
		}
		catch (GeneralSecurityException e) {
			throw new IOException("export file segment " + segment + " failed to " + (mode == Cipher.ENCRYPT_MODE
					? "encrypt" : "authenticate"), e);
		}
	}

	private static final class Encrypting extends FilterOutputStream {

		private final byte[] key;

		private final byte[] prefix;

		private final byte[] buffer = new byte[SEGMENT];

		private int filled;

		private int segment;

		private boolean closed;

		Encrypting(OutputStream out, byte[] key, byte[] prefix) {
			super(out);
			this.key = key.clone();
			this.prefix = prefix;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			while (len > 0) {
				if (filled == SEGMENT) {
					// Only now is it known that this segment is not the last one.
					out.write(crypt(Cipher.ENCRYPT_MODE, key, prefix, segment++, false, buffer, filled));
					filled = 0;
				}
				int n = Math.min(len, SEGMENT - filled);
				System.arraycopy(b, off, buffer, filled, n);
				filled += n;
				off += n;
				len -= n;
			}
		}

		@Override
		public void close() throws IOException {
			if (closed) {
				return;
			}
			closed = true;
			try {
				out.write(crypt(Cipher.ENCRYPT_MODE, key, prefix, segment, true, buffer, filled));
				out.flush();
			}
			finally {
				Arrays.fill(buffer, (byte) 0);
				out.close();
			}
		}
	}

	private static final class Decrypting extends InputStream {

		private final InputStream in;

		private final byte[] key;

		private final byte[] prefix;

		private byte[] plain = new byte[0];

		private int position;

		private int segment;

		private boolean done;

		private int lookahead = -1;

		Decrypting(InputStream in, byte[] key, byte[] prefix) {
			this.in = in;
			this.key = key.clone();
			this.prefix = prefix;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return n < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			while (position == plain.length) {
				if (done) {
					return -1;
				}
				next();
			}
			int n = Math.min(len, plain.length - position);
			System.arraycopy(plain, position, b, off, n);
			position += n;
			return n;
		}

		private void next() throws IOException {
			byte[] sealed = new byte[SEGMENT + TAG];
			int length = 0;
			if (lookahead >= 0) {
				sealed[length++] = (byte) lookahead;
			}
			length += in.readNBytes(sealed, length, sealed.length - length);
			lookahead = length == sealed.length ? in.read() : -1;
			boolean last = lookahead < 0;
			if (length < TAG) {
				throw new EOFException("export file is truncated");
			}
			plain = crypt(Cipher.DECRYPT_MODE, key, prefix, segment++, last, sealed, length);
			position = 0;
			done = last;
		}

		@Override
		public void close() throws IOException {
			in.close();
		}
	}
}
