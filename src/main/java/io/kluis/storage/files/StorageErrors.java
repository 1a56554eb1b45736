package io.kluis.storage.files;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one mapping from storage refusals ({@link StorageException}) to HTTP: the status, and the
 * type and title of the problem document (RFC 9457). The JSON APIs answer with {@link #problem};
 * WebDAV answers with {@link #davStatus}, which differs only where RFC 4918 asks for another status.
 */
public enum StorageErrors {

	PARENT_MISSING(StorageException.ParentMissing.class, HttpStatus.CONFLICT, "parent-missing", "Folder missing"),

	ALREADY_EXISTS(StorageException.AlreadyExists.class, HttpStatus.CONFLICT, "already-exists", "Name taken"),

	WRONG_KIND(StorageException.WrongKind.class, HttpStatus.CONFLICT, "wrong-kind", "File or folder expected"),

	QUOTA_EXCEEDED(StorageException.QuotaExceeded.class, HttpStatus.INSUFFICIENT_STORAGE, "quota-exceeded",
			"Storage full"),

	READ_ONLY(StorageException.ReadOnly.class, HttpStatus.FORBIDDEN, "read-only", "Storage is read-only"),

	FORBIDDEN(StorageException.Forbidden.class, HttpStatus.FORBIDDEN, "forbidden", "Not allowed"),

	INCOMPLETE_UPLOAD(StorageException.IncompleteUpload.class, HttpStatus.BAD_REQUEST, "incomplete-upload",
			"Upload incomplete"),

	OFFSET_MISMATCH(StorageException.OffsetMismatch.class, HttpStatus.CONFLICT, "offset-mismatch",
			"Upload offset differs"),

	TOO_MANY_UPLOADS(StorageException.TooManyUploads.class, HttpStatus.TOO_MANY_REQUESTS, "too-many-uploads",
			"Too many uploads"),

	CHANGED(StorageException.Changed.class, HttpStatus.PRECONDITION_FAILED, "changed", "Changed meanwhile"),

	INVALID_NAME(InvalidNameException.class, HttpStatus.BAD_REQUEST, "invalid-name", "Name not allowed");

	private final Class<? extends StorageException> type;

	private final HttpStatus status;

	private final URI problemType;

	private final String title;

	StorageErrors(Class<? extends StorageException> type, HttpStatus status, String slug, String title) {
		this.type = type;
		this.status = status;
		this.problemType = URI.create("urn:kluis:problem:storage:" + slug);
		this.title = title;
	}

	/** The entry for {@code e}; every subclass of {@link StorageException} has one. */
	public static StorageErrors of(StorageException e) {
		for (StorageErrors error : values()) {
			if (error.type.isInstance(e)) {
				return error;
			}
		}
		throw new IllegalStateException("no HTTP mapping for " + e.getClass().getName());
	}

	public HttpStatus status() {
		return status;
	}

	public URI problemType() {
		return problemType;
	}

	public String title() {
		return title;
	}

	/**
	 * The status WebDAV answers with: a name taken is 405 for {@code MKCOL} (RFC 4918 §9.3.1) and 412
	 * for {@code COPY}/{@code MOVE} without overwrite (§9.8.5, §9.9.4); a folder where {@code PUT}
	 * expected a file is 405 (§9.7.2). Everything else as in the API.
	 */
	public int davStatus(String method) {
		return switch (this) {
			case ALREADY_EXISTS -> method.equals("MKCOL") ? 405 : 412;
			case WRONG_KIND -> method.equals("PUT") ? 405 : 409;
			default -> status.value();
		};
	}

	/** The problem document for {@code e}: its status, type and title, and its message as the detail. */
	public static ProblemDetail problem(StorageException e) {
		StorageErrors error = of(e);
		var problem = ProblemDetail.forStatusAndDetail(error.status, e.getMessage());
		problem.setType(error.problemType);
		problem.setTitle(error.title);
		return problem;
	}
}
