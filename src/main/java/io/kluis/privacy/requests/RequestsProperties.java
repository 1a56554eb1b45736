package io.kluis.privacy.requests;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code kluis.privacy.requests.*}: requests without login (RIG-7).
 *
 * @param zone the provider's time zone, in which "one calendar month" is counted
 * @param officerLocale the language of the reminders to the privacy officer
 * @param confirmationValidity how long the mailed confirmation link works; unconfirmed requests are
 *        deleted (with their key) after this
 * @param statusValidity how long the requester's status link works after confirmation
 * @param idCopyMaxSize the largest ID copy accepted (the servlet multipart limit must allow it)
 * @param idCopyRetention an uploaded ID copy is deleted after this even when nobody checked it
 * @param jobInterval how often reminders and deletions run
 */
@ConfigurationProperties("kluis.privacy.requests")
public record RequestsProperties(@DefaultValue("Europe/Amsterdam") ZoneId zone, @DefaultValue("nl") Locale officerLocale,
		@DefaultValue("P7D") Duration confirmationValidity, @DefaultValue("P400D") Duration statusValidity,
		@DefaultValue("10MB") DataSize idCopyMaxSize, @DefaultValue("P7D") Duration idCopyRetention,
		@DefaultValue("PT15M") Duration jobInterval) {
}
