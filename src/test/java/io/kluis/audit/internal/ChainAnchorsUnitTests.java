package io.kluis.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@ExtendWith(OutputCaptureExtension.class)
class ChainAnchorsUnitTests {

	static final String HASH = "ab".repeat(32);

	final ChainAnchors anchors = new ChainAnchors(new AuditProperties(2));

	@AfterEach
	void endTransaction() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	@Test
	void logsTheHeadEveryNthEntryWithAStableEventCode(CapturedOutput output) {
		anchors.appended(1, HASH);
		anchors.appended(2, HASH);
		anchors.appended(3, HASH);

		assertThat(output.getOut()).contains("event=audit.anchor seq=2 hash=" + HASH)
			.doesNotContain("seq=1 ")
			.doesNotContain("seq=3 ");
	}

	@Test
	void logsAnAnchorOnlyOnceItsTransactionCommitted(CapturedOutput output) {
		TransactionSynchronizationManager.initSynchronization();
		anchors.appended(4, HASH);
		assertThat(output.getOut()).doesNotContain("event=audit.anchor");

		TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);

		assertThat(output.getOut()).contains("event=audit.anchor seq=4 hash=" + HASH);
	}

	@Test
	void logsNoAnchorForARolledBackAppend(CapturedOutput output) {
		TransactionSynchronizationManager.initSynchronization();
		anchors.appended(6, HASH);

		TransactionSynchronizationManager.getSynchronizations()
			.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

		assertThat(output.getOut()).doesNotContain("event=audit.anchor");
	}
}
