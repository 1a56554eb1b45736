package io.kluis.shared.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Too much of one costly kind of work at once (for example password hashing during a login
 * flood): 503 with {@code Retry-After}, a problem document on the API.
 */
@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
public class BusyException extends RuntimeException {

	private final Duration retryAfter;

	public BusyException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}
