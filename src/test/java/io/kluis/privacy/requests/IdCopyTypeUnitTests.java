package io.kluis.privacy.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdCopyTypeUnitTests {

	@Test
	void recognisesImagesAndPdfByTheirFirstBytesOnly() {
		assertThat(IdCopyType.sniff(new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff, 0 })).contains(IdCopyType.JPEG);
		assertThat(IdCopyType.sniff(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' })).contains(IdCopyType.PNG);
		assertThat(IdCopyType.sniff("RIFF0000WEBPVP8 ".getBytes(StandardCharsets.US_ASCII))).contains(IdCopyType.WEBP);
		assertThat(IdCopyType.sniff("%PDF-1.4".getBytes(StandardCharsets.US_ASCII))).contains(IdCopyType.PDF);
		assertThat(IdCopyType.sniff("<svg onload=alert(1)>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
		assertThat(IdCopyType.sniff("<html>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
		assertThat(IdCopyType.sniff(new byte[0])).isEmpty();
	}
}
