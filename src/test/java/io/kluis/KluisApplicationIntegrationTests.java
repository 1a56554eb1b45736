package io.kluis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@KluisIntegrationTest
class KluisApplicationIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void startsAndMigratesTheSchema() {
		assertThat(jdbc.sql("select count(*) from crypto_data_keys").query(Long.class).single()).isNotNull();
	}
}
