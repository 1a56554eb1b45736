package io.kluis.billing.settlement;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Builds CAMT.053.001.02 statements the way a Dutch bank exports them (the shape of
 * {@code src/test/resources/billing/bank/camt053-001-02.xml}), with the entries a test needs: credits
 * with a structured payment reference, credits without one, and malformed amounts.
 */
public final class CamtFiles {

	private final String statementId = "T-" + UUID.randomUUID().toString().substring(0, 13);

	private final List<String> entries = new ArrayList<>();

	public static CamtFiles statement() {
		return new CamtFiles();
	}

	/** A booked credit in EUR; {@code reference} null for one with only free text; {@code amount} as written. */
	public CamtFiles credit(String amount, @Nullable String reference) {
		String remittance = reference == null ? "<Ustrd>factuur zonder kenmerk</Ustrd>"
				: "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>CUR</Issr></Tp><Ref>" + reference
						+ "</Ref></CdtrRefInf></Strd>";
		entries.add("""
				      <Ntry>
				        <Amt Ccy="EUR">%s</Amt>
				        <CdtDbtInd>CRDT</CdtDbtInd>
				        <Sts>BOOK</Sts>
				        <BookgDt><Dt>2026-12-06</Dt></BookgDt>
				        <ValDt><Dt>2026-12-06</Dt></ValDt>
				        <AcctSvcrRef>%s</AcctSvcrRef>
				        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
				        <NtryDtls>
				          <TxDtls>
				            <RltdPties>
				              <Dbtr><Nm>J. Jansen</Nm></Dbtr>
				              <DbtrAcct><Id><IBAN>NL20INGB0001234567</IBAN></Id></DbtrAcct>
				            </RltdPties>
				            <RmtInf>%s</RmtInf>
				          </TxDtls>
				        </NtryDtls>
				      </Ntry>
				""".formatted(amount, statementId + "-" + entries.size(), remittance));
		return this;
	}

	public String xml() {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
				  <BkToCstmrStmt>
				    <GrpHdr>
				      <MsgId>%s</MsgId>
				      <CreDtTm>2026-12-07T06:00:00</CreDtTm>
				    </GrpHdr>
				    <Stmt>
				      <Id>%s</Id>
				      <CreDtTm>2026-12-07T06:00:00</CreDtTm>
				      <Acct>
				        <Id><IBAN>NL02ABNA0123456789</IBAN></Id>
				        <Ccy>EUR</Ccy>
				      </Acct>
				%s    </Stmt>
				  </BkToCstmrStmt>
				</Document>
				""".formatted(statementId, statementId, String.join("", entries));
	}

	public InputStream stream() {
		return new ByteArrayInputStream(xml().getBytes(StandardCharsets.UTF_8));
	}
}
