package io.kluis.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code kluis.web.*}: the largest request body of each kind that is read into memory and parsed.
 * Uploads that stream to storage (WebDAV {@code PUT}, resumable upload pieces) have no limit here,
 * multipart forms (ID copies) have Spring's {@code spring.servlet.multipart.*}.
 *
 * @param maxJsonBody JSON bodies, and any other body a request that does not stream may carry; the
 *        largest legitimate ones are vault shares (an encrypted manifest of up to 1 MiB, base64,
 *        and up to 10 000 ciphertext paths)
 * @param maxFormBody {@code application/x-www-form-urlencoded} bodies (the browser's forms; also
 *        Tomcat's own form limit)
 * @param maxXmlBody XML bodies (WebDAV {@code PROPFIND}, {@code PROPPATCH}, {@code LOCK})
 */
@ConfigurationProperties("kluis.web")
public record RequestLimits(@DefaultValue("4MB") DataSize maxJsonBody, @DefaultValue("64KB") DataSize maxFormBody,
		@DefaultValue("1MB") DataSize maxXmlBody) {

	public RequestLimits {
		for (DataSize size : new DataSize[] { maxJsonBody, maxFormBody, maxXmlBody }) {
			if (size.toBytes() < 1024 || size.toBytes() > 64L * 1024 * 1024) {
				throw new IllegalArgumentException("kluis.web.max-*-body must be between 1KB and 64MB");
			}
		}
	}
}
