package io.kluis.billing.catalogue;

import io.kluis.billing.ProductKind;
import java.util.List;
import java.util.UUID;

/** A product with its plans (active and retired). */
public record Product(UUID id, ProductKind kind, String name, String description, boolean active, List<Plan> plans) {

	public Product {
		plans = List.copyOf(plans);
	}
}
