package dev.hoist.starter.datajdbc;

import org.springframework.data.repository.ListCrudRepository;

/**
 * A Spring Data JDBC repository of shops.
 */
interface ShopRows extends ListCrudRepository<ShopRow, Long> {

}
