package dev.hoist.sample.shop;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The service's HTTP API: list shops, place an order, read a shop's dashboard.
 */
@RestController
@RequestMapping("/api/shops")
public class ShopController {

	private final ShopRepository shops;

	public ShopController(ShopRepository shops) {
		this.shops = shops;
	}

	@GetMapping
	public List<Shop> shops() {
		return this.shops.findAll();
	}

	@PostMapping("/{shopId}/orders")
	@ResponseStatus(HttpStatus.CREATED)
	public Order placeOrder(@PathVariable long shopId, @RequestBody NewOrder order) {
		if (order.quantity() < 1) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "quantity must be at least 1");
		}
		requireShop(shopId);
		return this.shops.placeOrder(shopId, order)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"shop " + shopId + " has no product " + order.productId()));
	}

	@GetMapping("/{shopId}/dashboard")
	public DashboardStats dashboard(@PathVariable long shopId) {
		return this.shops.dashboard(shopId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no shop " + shopId));
	}

	private void requireShop(long shopId) {
		if (!this.shops.exists(shopId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no shop " + shopId);
		}
	}

}
