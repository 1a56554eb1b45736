package io.kluis.shared.personaldata;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Implemented by every module that stores personal data (PUR-3). The categories it declares must
 * be in the processing register with {@code heldBy} naming this module, and every category of the
 * register must have a holder: Kluis refuses to start otherwise.
 */
public interface PersonalDataHolder {

	/** The module name, as in the register's {@code heldBy}. */
	String module();

	/**
	 * A stable name of this holder, unique among all holders: account closure records its step
	 * under it, so a holder added or removed by an upgrade never renumbers the steps of a closure in
	 * progress. Default: the module's name; a module with a second holder gives each its own
	 * ("module.what"). Kluis refuses to start when two holders share one.
	 */
	default String id() {
		return module();
	}

	/** The register categories this module stores. */
	Set<String> categories();

	/**
	 * Where the module stores personal data: {@code "table.column"} (lower case) → the register
	 * category it belongs to. The PUR-3 build check compares this with the real schema, so a new
	 * column that looks personal (sealed, blind index, email, IP, account or subject id) fails the
	 * build until it is mapped to a declared category. Default: none.
	 */
	default Map<String, String> personalColumns() {
		return Map.of();
	}

	/** Everything the module holds about the subject, per category (RIG-1, RIG-5). */
	List<ExportedCategory> export(DataSubject subject);

	/**
	 * Deletes or anonymises everything the module holds about the subject, except what the register
	 * says to keep (counted in {@link Erased#kept()}) (RIG-3, RET-5). Idempotent.
	 */
	Erased erase(DataSubject subject);

	/**
	 * Applies a retention rule: removes the category's items whose period ended before
	 * {@code cutoff} (the rule's trigger moment plus period lies before "now"). With
	 * {@code dryRun} it only counts. Idempotent and safe to interrupt (RET-2).
	 *
	 * @param category a category this module declared
	 * @param cutoff items whose trigger moment is before this instant have outlived their period
	 */
	int applyRetention(String category, Instant cutoff, boolean dryRun);

	/**
	 * Applies a retention rule of a category that has more than one: the same data kept
	 * {@code period} after different moments (stored files until the account is closed, and a while
	 * after a paid plan ended). The retention run calls this one; {@code trigger} is the rule's
	 * trigger as the register spells it, lower case ({@code account_closed}, {@code service_ended}).
	 * Default: the category's only rule, {@link #applyRetention(String, Instant, boolean)}.
	 */
	default int applyRetention(String category, String trigger, Instant cutoff, boolean dryRun) {
		return applyRetention(category, cutoff, dryRun);
	}

	/**
	 * The categories of which this module keeps something when a subject is erased: data under a
	 * legal hold, or pseudonymous records with their own retention period (such as the security
	 * log). The account-closure page tells the subject so beforehand (RIG-3); default: none.
	 */
	default Set<String> keptOnErasure() {
		return Set.of();
	}

	/** Stops processing the subject's data beyond storing it (RIG-4); default: nothing to stop. */
	default void restrict(DataSubject subject) {
	}

	/** Lifts {@link #restrict}. */
	default void liftRestriction(DataSubject subject) {
	}
}
