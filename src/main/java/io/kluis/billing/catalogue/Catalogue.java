package io.kluis.billing.catalogue;

import io.kluis.billing.ProductKind;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The products and plans ({@code billing_products}, {@code billing_plans}). */
@Service
public class Catalogue {

	static final int MAX_DESCRIPTION = 2000;

	private final JdbcClient jdbc;

	private final Clock clock;

	Catalogue(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Adds a product (without plans yet). */
	@Transactional
	public UUID addProduct(ProductKind kind, String name, String description) {
		String n = name.strip();
		String d = description.strip();
		if (n.isEmpty() || n.length() > PlanDraft.MAX_NAME || n.contains("\n")) {
			throw new InvalidInputException("name", "name must be 1 to 200 characters on one line");
		}
		if (d.length() > MAX_DESCRIPTION) {
			throw new InvalidInputException("description", "description is at most 2000 characters");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into billing_products (id, kind, name, description, active, created_at) values (?, ?, ?, ?, true, ?)")
			.params(id, kind.name(), n, d, Timestamp.from(clock.instant()))
			.update();
		return id;
	}

	/** Adds a plan to a product. */
	@Transactional
	public UUID addPlan(UUID productId, PlanDraft draft) {
		productById(productId).orElseThrow(() -> new NotFoundException("product"));
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into billing_plans (id, product_id, name, price_month, price_year, quota_bytes, active, created_at) "
				+ "values (?, ?, ?, ?, ?, ?, true, ?)")
			.params(id, productId, draft.name(), draft.priceMonth(), draft.priceYear(), draft.quotaBytes(),
					Timestamp.from(clock.instant()))
			.update();
		return id;
	}

	/** Retires a plan: no new orders; existing subscriptions keep their terms. */
	@Transactional
	public void retirePlan(UUID planId) {
		if (jdbc.sql("update billing_plans set active = false where id = ?").param(planId).update() == 0) {
			throw new NotFoundException("plan");
		}
	}

	/** Retires a product and with it every plan of it. */
	@Transactional
	public void retireProduct(UUID productId) {
		if (jdbc.sql("update billing_products set active = false where id = ?").param(productId).update() == 0) {
			throw new NotFoundException("product");
		}
		jdbc.sql("update billing_plans set active = false where product_id = ?").param(productId).update();
	}

	/** Every product with every plan, for staff. */
	public List<Product> all() {
		return products(false);
	}

	/** What customers can order: active products with their active plans (products without one left out). */
	public List<Product> orderable() {
		return products(true).stream().filter(p -> !p.plans().isEmpty()).toList();
	}

	/** A plan by id, active or retired. */
	public Optional<Plan> plan(UUID planId) {
		return jdbc.sql(PLAN_SELECT + " where p.id = ?").param(planId).query(this::mapPlan).optional();
	}

	/** A plan customers may order now. */
	public Optional<Plan> orderablePlan(UUID planId) {
		return plan(planId).filter(Plan::active);
	}

	private Optional<ProductKind> productById(UUID id) {
		return jdbc.sql("select kind from billing_products where id = ?").param(id).query(String.class).optional()
			.map(ProductKind::valueOf);
	}

	private static final String PLAN_SELECT = "select p.*, pr.kind, pr.name as product_name, pr.active as product_active "
			+ "from billing_plans p join billing_products pr on pr.id = p.product_id";

	private List<Product> products(boolean activeOnly) {
		var byId = new LinkedHashMap<UUID, Product>();
		jdbc.sql("select * from billing_products" + (activeOnly ? " where active = true" : "") + " order by kind, name, id")
			.query((rs, i) -> new Product(rs.getObject("id", UUID.class), ProductKind.valueOf(rs.getString("kind")),
					rs.getString("name"), rs.getString("description"), rs.getBoolean("active"), List.of()))
			.list()
			.forEach(p -> byId.put(p.id(), p));
		var plans = new LinkedHashMap<UUID, List<Plan>>();
		jdbc.sql(PLAN_SELECT + (activeOnly ? " where p.active = true" : "") + " order by p.name, p.id")
			.query(this::mapPlan)
			.list()
			.forEach(p -> plans.computeIfAbsent(p.productId(), k -> new ArrayList<>()).add(p));
		return byId.values().stream()
			.map(p -> new Product(p.id(), p.kind(), p.name(), p.description(), p.active(),
					plans.getOrDefault(p.id(), List.of())))
			.toList();
	}

	private Plan mapPlan(ResultSet rs, int row) throws SQLException {
		long quota = rs.getLong("quota_bytes");
		Long quotaBytes = rs.wasNull() ? null : quota;
		return new Plan(rs.getObject("id", UUID.class), rs.getObject("product_id", UUID.class),
				ProductKind.valueOf(rs.getString("kind")), rs.getString("product_name"), rs.getString("name"),
				scaled(rs.getBigDecimal("price_month")), scaled(rs.getBigDecimal("price_year")), quotaBytes,
				rs.getBoolean("active") && rs.getBoolean("product_active"));
	}

	private static BigDecimal scaled(BigDecimal value) {
		return value == null ? null : value.setScale(2);
	}
}
