package io.kluis.storage.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** Every storage refusal has one HTTP status, problem type and title, the same for the API and WebDAV. */
class StorageErrorsUnitTests {

	private static final List<StorageException> EVERY_REFUSAL = List.of(new StorageException.ParentMissing(),
			new StorageException.AlreadyExists(), new StorageException.WrongKind("A folder with this name exists."),
			new StorageException.QuotaExceeded(), new StorageException.Forbidden("The root cannot be changed."),
			new StorageException.IncompleteUpload(), new StorageException.OffsetMismatch(42),
			new StorageException.TooManyUploads(20), new StorageException.Changed(),
			new StorageException.ReadOnly(ReadOnlyStorage.Reason.PAYMENT_OVERDUE),
			new InvalidNameException("A name may not contain a slash."));

	@Test
	void eachRefusalHasItsStatus() {
		Map<Class<?>, Integer> statuses = EVERY_REFUSAL.stream()
			.collect(Collectors.toMap(Object::getClass, e -> StorageErrors.of(e).status().value()));
		assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
				Map.entry(StorageException.ParentMissing.class, 409), Map.entry(StorageException.AlreadyExists.class, 409),
				Map.entry(StorageException.WrongKind.class, 409), Map.entry(StorageException.QuotaExceeded.class, 507),
				Map.entry(StorageException.Forbidden.class, 403), Map.entry(StorageException.IncompleteUpload.class, 400),
				Map.entry(StorageException.OffsetMismatch.class, 409), Map.entry(StorageException.TooManyUploads.class, 429),
				Map.entry(StorageException.Changed.class, 412), Map.entry(StorageException.ReadOnly.class, 403),
				Map.entry(InvalidNameException.class, 400)));
	}

	@Test
	void everySubclassOfStorageExceptionIsMapped() {
		var mapped = EVERY_REFUSAL.stream().map(Object::getClass).toList();
		var declared = new java.util.ArrayList<Class<?>>(Arrays.stream(StorageException.class.getDeclaredClasses())
			.filter(StorageException.class::isAssignableFrom)
			.toList());
		declared.add(InvalidNameException.class);
		assertThat(mapped).containsExactlyInAnyOrderElementsOf(declared);
		assertThat(StorageErrors.values()).hasSameSizeAs(declared);
	}

	@Test
	void theSharedApiHandlerSeesTheSameStatus() {
		EVERY_REFUSAL.forEach(e -> assertThat(e.httpStatus()).as(e.getClass().getSimpleName())
			.isEqualTo(StorageErrors.of(e).status().value()));
	}

	@Test
	void theProblemDocumentCarriesStatusTypeTitleAndTheMessage() {
		EVERY_REFUSAL.forEach(e -> {
			ProblemDetail problem = StorageErrors.problem(e);
			StorageErrors error = StorageErrors.of(e);
			assertThat(problem.getStatus()).isEqualTo(error.status().value());
			assertThat(problem.getType().toString()).startsWith("urn:kluis:problem:storage:");
			assertThat(problem.getTitle()).isEqualTo(error.title()).isNotBlank();
			assertThat(problem.getDetail()).isEqualTo(e.getMessage());
		});
		assertThat(Arrays.stream(StorageErrors.values()).map(StorageErrors::problemType).distinct())
			.hasSize(StorageErrors.values().length);
	}

	@Test
	void webDavDiffersOnlyWhereRfc4918AsksForAnotherStatus() {
		assertThat(StorageErrors.ALREADY_EXISTS.davStatus("MKCOL")).isEqualTo(405);
		assertThat(StorageErrors.ALREADY_EXISTS.davStatus("MOVE")).isEqualTo(412);
		assertThat(StorageErrors.ALREADY_EXISTS.davStatus("COPY")).isEqualTo(412);
		assertThat(StorageErrors.WRONG_KIND.davStatus("PUT")).isEqualTo(405);
		assertThat(StorageErrors.WRONG_KIND.davStatus("GET")).isEqualTo(409);
		for (StorageErrors error : StorageErrors.values()) {
			if (error != StorageErrors.ALREADY_EXISTS && error != StorageErrors.WRONG_KIND) {
				for (String method : List.of("PUT", "MKCOL", "MOVE", "COPY", "DELETE", "PROPPATCH", "LOCK")) {
					assertThat(error.davStatus(method)).as(error + " " + method).isEqualTo(error.status().value());
				}
			}
		}
	}

	@Test
	void problemDocumentsNameNoFile() {
		EVERY_REFUSAL.stream()
			.filter(e -> !(e instanceof InvalidNameException))
			.forEach(e -> assertThat(StorageErrors.problem(e).getDetail()).doesNotContain("/"));
	}
}
