package io.kluis.billing.bank;

/**
 * An entry that could not be read (no amount, an amount that is no number, no booking date...): what
 * was wrong, never the content, and where.
 */
public record MalformedEntry(StatementEntry.Position position, String problem) {
}
