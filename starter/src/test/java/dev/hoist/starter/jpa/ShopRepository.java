package dev.hoist.starter.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * A Spring Data JPA repository of shops.
 */
interface ShopRepository extends JpaRepository<Shop, Long> {

}
