package dev.hoist.starter.datajdbc;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A Spring Data JDBC aggregate on the table the migrations create.
 *
 * @param id the generated id, {@code null} before it is saved
 * @param domain the shop's domain
 * @param name the shop's name
 */
@Table("shops")
record ShopRow(@Id @Nullable Long id, String domain, String name) {

}
