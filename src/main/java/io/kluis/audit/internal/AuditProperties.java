package io.kluis.audit.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.audit.*}.
 *
 * @param anchorEvery log the chain head ({@code event=audit.anchor seq=… hash=…}) every this many
 *        entries. Anchors only help when the log leaves the host (syslog, journald upload, a log
 *        service): someone who can rewrite the database can usually rewrite a local log file too.
 *        Smaller values narrow the window of entries an attacker could rewrite undetected, at the
 *        cost of more log lines.
 */
@ConfigurationProperties("kluis.audit")
record AuditProperties(@DefaultValue("1000") int anchorEvery) {

	AuditProperties {
		if (anchorEvery < 1) {
			throw new IllegalArgumentException("kluis.audit.anchor-every must be at least 1");
		}
	}
}
