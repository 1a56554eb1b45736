package io.kluis.storage.files;

import io.kluis.shared.web.ProblemStatus;

/**
 * A storage operation that cannot be done as asked; each subclass maps to one HTTP status, in
 * {@link StorageErrors}.
 * Messages are for the customer and never contain file names.
 */
public abstract class StorageException extends RuntimeException implements ProblemStatus {

	protected StorageException(String message) {
		super(message);
	}

	/** The status {@link StorageErrors} maps this refusal to. */
	@Override
	public int httpStatus() {
		return StorageErrors.of(this).status().value();
	}

	/** The parent folder is missing or is a file (409). */
	public static class ParentMissing extends StorageException {

		public ParentMissing() {
			super("The folder to put this in does not exist.");
		}
	}

	/** Something with that name is already there (405 for MKCOL, 412 for COPY/MOVE without overwrite). */
	public static class AlreadyExists extends StorageException {

		public AlreadyExists() {
			super("Something with this name already exists here.");
		}
	}

	/** A folder where a file was expected, or the other way round (405/409). */
	public static class WrongKind extends StorageException {

		public WrongKind(String message) {
			super(message);
		}
	}

	/** The quota would be exceeded (507). */
	public static class QuotaExceeded extends StorageException {

		public QuotaExceeded() {
			super("Your storage is full: delete files or empty the trash to make room.");
		}
	}

	/** The customer's storage is read-only (403): a suspension or an ended plan, see {@link ReadOnlyStorage}. */
	public static class ReadOnly extends StorageException {

		private final transient ReadOnlyStorage.Reason reason;

		public ReadOnly(ReadOnlyStorage.Reason reason) {
			super(reason.message());
			this.reason = reason;
		}

		public ReadOnlyStorage.Reason reason() {
			return reason;
		}
	}

	/** The operation is not allowed on this resource at all (403). */
	public static class Forbidden extends StorageException {

		public Forbidden(String message) {
			super(message);
		}
	}

	/** The upload broke off or sent another length than announced (400); nothing was stored. */
	public static class IncompleteUpload extends StorageException {

		public IncompleteUpload() {
			super("The upload was incomplete; nothing was stored.");
		}
	}

	/** A resumable upload piece that does not start where the upload stands (409). */
	public static class OffsetMismatch extends StorageException {

		private final long offset;

		public OffsetMismatch(long offset) {
			super("The upload stands at another offset; continue from Upload-Offset.");
			this.offset = offset;
		}

		public long offset() {
			return offset;
		}
	}

	/** The customer has as many resumable uploads in progress as allowed (429). */
	public static class TooManyUploads extends StorageException {

		public TooManyUploads(int limit) {
			super("You have " + limit + " uploads in progress, the most allowed (kluis.storage.max-open-uploads): "
					+ "complete or cancel one first.");
		}
	}

	/** The resource changed since the client looked (412). */
	public static class Changed extends StorageException {

		public Changed() {
			super("The file was changed meanwhile.");
		}
	}
}
