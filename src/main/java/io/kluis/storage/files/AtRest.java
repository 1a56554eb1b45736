package io.kluis.storage.files;

import io.kluis.crypto.ContentCipher;
import io.kluis.shared.AccountId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.springframework.stereotype.Component;

/**
 * What a customer stores, sealed at rest under the customer's data key (SEC-3, issue 8 §3):
 * contents (small ones in the database, large ones in the blob store), so closing the account
 * crypto-shreds every copy. The field names bind each value to where it belongs: contents to their
 * blob key. Format and key use: docs/encryption-at-rest.md.
 */
@Component
public class AtRest {

	static final String NAME = "storage.node.name";

	static final String TRASHED_NAME = "storage.node.trashed-name";

	private final ContentCipher cipher;

	/**
	 * Whether rows named before sealing may still exist: until {@link StorageSealing} has found none
	 * since this process started, a name is looked up in its plain form too.
	 */
	private volatile boolean plainNamesMayRemain = true;

	boolean plainNamesMayRemain() {
		return plainNamesMayRemain;
	}

	void plainNamesMayRemain(boolean value) {
		plainNamesMayRemain = value;
	}

	AtRest(ContentCipher cipher) {
		this.cipher = cipher;
	}

	/**
	 * What a node's name column holds: a keyed index of the name ('~' and 22 base64url characters),
	 * unique within a folder as names are, and meaning nothing without the owner's data key.
	 */
	String nameIndex(AccountId owner, String name) {
		return "~" + java.util.Base64.getUrlEncoder().withoutPadding()
			.encodeToString(cipher.subjectIndex(owner, NAME, name));
	}

	/** Seals customer text (a name, a path, a property value) for a field. */
	public byte[] sealText(AccountId owner, String field, String text) {
		return cipher.sealBytes(owner, field, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	/** Opens customer text sealed with {@link #sealText}. */
	public String openText(AccountId owner, String field, byte[] sealed) {
		return new String(cipher.openBytes(owner, field, sealed), java.nio.charset.StandardCharsets.UTF_8);
	}

	byte[] sealSmall(AccountId owner, String blob, byte[] content) {
		return cipher.sealBytes(owner, "storage.small-blob:" + blob, content);
	}

	byte[] openSmall(AccountId owner, String blob, byte[] sealed) throws IOException {
		try {
			return cipher.openBytes(owner, "storage.small-blob:" + blob, sealed);
		}
		catch (IllegalArgumentException e) {
			throw new IOException("sealed contents failed authentication");
		}
	}

	ContentCipher.SealingStream sealing(AccountId owner, String blob, OutputStream out) {
		return cipher.sealing(owner, "storage.blob:" + blob, out);
	}

	/** A header for contents sealed piece by piece as a resumable upload arrives. */
	byte[] newPiecesHeader() {
		return cipher.newStreamHeader();
	}

	/** How many sealed bytes of a blob sealed piece by piece exist once {@code received} bytes arrived. */
	long sealedPrefix(long size, long received) {
		return cipher.sealedPrefix(size, received);
	}

	/**
	 * Seals the next piece of a resumable upload into the blob it will become: see
	 * {@link ContentCipher#sealingPiece}.
	 */
	ContentCipher.SealedPiece sealingPiece(AccountId owner, String blob, byte[] header, long size, byte[] carried,
			long received, InputStream piece, long length) {
		return cipher.sealingPiece(owner, "storage.blob:" + blob, header, size, carried, received, piece, length);
	}

	/**
	 * Seals the plaintext a resumable upload received after its last whole chunk (kept with the
	 * upload until the next piece), bound to the blob and to how much had arrived.
	 */
	byte[] sealUploadTail(AccountId owner, String blob, long received, byte[] tail) {
		return cipher.sealBytes(owner, uploadTailField(blob, received), tail);
	}

	byte[] openUploadTail(AccountId owner, String blob, long received, byte[] sealed) {
		return cipher.openBytes(owner, uploadTailField(blob, received), sealed);
	}

	private static String uploadTailField(String blob, long received) {
		return "storage.upload.tail:" + blob + ":" + received;
	}

	InputStream opening(AccountId owner, String blob, ContentCipher.SealedSource source, long size, long offset,
			long length) throws IOException {
		return cipher.opening(owner, "storage.blob:" + blob, source, size, offset, length);
	}
}
