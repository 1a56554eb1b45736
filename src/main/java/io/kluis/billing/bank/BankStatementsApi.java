package io.kluis.billing.bank;

import io.kluis.shared.web.StreamingRequests;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff (BILLING) upload a CAMT.053 statement as the request body ({@code application/xml})
 * and get the import's report. The body streams into the reader, bounded by
 * {@code kluis.billing.bank.max-statement-size} (413 beyond it) instead of the general XML limit.
 */
@RestController
@PreAuthorize("hasRole('BILLING')")
class BankStatementsApi {

	static final String PATH = "/api/v1/admin/billing/bank-statements";

	private final StatementImport statementImport;

	private final BankProperties properties;

	BankStatementsApi(StatementImport statementImport, BankProperties properties) {
		this.statementImport = statementImport;
		this.properties = properties;
	}

	@Operation(summary = "Import a CAMT.053 bank statement: credits are matched to open invoices by payment reference")
	@PostMapping(PATH)
	ImportReport upload(HttpServletRequest request) throws IOException {
		try (var body = new BoundedInputStream(request.getInputStream(), properties.maxStatementSize().toBytes())) {
			return statementImport.importStatement(body);
		}
		catch (UncheckedIOException e) {
			throw e.getCause();
		}
	}

	@ExceptionHandler(CamtFormatException.class)
	ResponseEntity<ProblemDetail> unreadable(CamtFormatException e) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Not a readable CAMT.053 statement: " + e.getMessage());
		problem.setProperty("line", e.line());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(BoundedInputStream.TooLarge.class)
	ResponseEntity<ProblemDetail> tooLarge(BoundedInputStream.TooLarge e) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ProblemDetail.forStatusAndDetail(
				HttpStatus.CONTENT_TOO_LARGE, "The statement is larger than " + properties.maxStatementSize()
						+ " (kluis.billing.bank.max-statement-size)."));
	}

	@ExceptionHandler(IllegalStateException.class)
	ResponseEntity<ProblemDetail> unavailable(IllegalStateException e) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"Bank statements cannot be matched yet: no module provides open invoices."));
	}

	/** The statement streams into the reader with a limit of its own, not the general in-memory XML limit. */
	@Configuration(proxyBeanMethods = false)
	static class Streaming {

		@Bean
		StreamingRequests bankStatementUploads() {
			return request -> "POST".equals(request.getMethod()) && PATH.equals(request.getRequestURI());
		}
	}
}
