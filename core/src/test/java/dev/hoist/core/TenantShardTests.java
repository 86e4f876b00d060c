package dev.hoist.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.hoist.core.HoistConfiguration.TenantShard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Sharding tenants over the pods of a Kubernetes Indexed Job: no database needed, only
 * the properties that make N workers cover every tenant exactly once, and keep covering
 * it while the tenant list changes.
 */
class TenantShardTests {

	private static final int ACME_OF_8 = 1;

	private static final int TENANT_0001_OF_16 = 3;

	private static final int UNICODE_OF_5 = 4;

	// a fixed seed: the properties must hold for any list, and a failure must repeat
	private final Random random = new Random(19);

	@Test
	void forEveryCountFromOneToSixteenTheShardsAreDisjointAndCompleteWhileTheListChanges() {
		List<String> tenants = names(0, 300);
		for (int step = 0; step < 4; step++) {
			for (int count = 1; count <= 16; count++) {
				Map<String, Integer> owner = new HashMap<>();
				for (int index = 0; index < count; index++) {
					TenantShard shard = new TenantShard(index, count);
					for (String tenant : tenants) {
						if (shard.contains(tenant)) {
							assertThat(owner.put(tenant, index)).as("%s in shard %s and another", tenant, shard)
								.isNull();
						}
					}
				}
				assertThat(owner.keySet()).as("covered with %d shards", count)
					.containsExactlyInAnyOrderElementsOf(tenants);
			}
			// customers leave and sign up between runs
			tenants = change(tenants, step);
		}
	}

	@Test
	void aTenantNeverMovesToAnotherShardWhenOthersAreAddedOrRemoved() {
		List<String> before = names(0, 1000);
		List<String> after = change(change(before, 1), 2);
		Collections.shuffle(after, this.random);
		for (int count = 1; count <= 16; count++) {
			for (int index = 0; index < count; index++) {
				TenantShard shard = new TenantShard(index, count);
				Set<String> mineBefore = new HashSet<>(before.stream().filter(shard::contains).toList());
				Set<String> mineAfter = new HashSet<>(after.stream().filter(shard::contains).toList());
				for (String tenant : after) {
					if (mineBefore.contains(tenant)) {
						assertThat(mineAfter).as("shard %s keeps %s", shard, tenant).contains(tenant);
					}
				}
				for (String tenant : before) {
					if (mineAfter.contains(tenant)) {
						assertThat(mineBefore).as("shard %s had %s", shard, tenant).contains(tenant);
					}
				}
			}
		}
	}

	@Test
	void oneMoreShardMovesOnlyTheTenantsOfTheNewShard() {
		List<String> tenants = names(0, 2000);
		for (int count = 1; count < 16; count++) {
			int moved = 0;
			for (String tenant : tenants) {
				int before = TenantShard.of(tenant, count);
				int after = TenantShard.of(tenant, count + 1);
				if (before != after) {
					assertThat(after).as("%s moved from %d to %d", tenant, before, after).isEqualTo(count);
					moved++;
				}
			}
			// about a (count + 1)th of the tenants: never most of them
			assertThat(moved).as("moved going from %d to %d shards", count, count + 1)
				.isLessThan(2 * tenants.size() / (count + 1));
		}
	}

	@Test
	void theShardsShareTheTenantsFairly() {
		List<String> tenants = names(0, 4000);
		for (int count = 2; count <= 16; count++) {
			int[] sizes = new int[count];
			for (String tenant : tenants) {
				sizes[TenantShard.of(tenant, count)]++;
			}
			int fair = tenants.size() / count;
			for (int size : sizes) {
				assertThat(size).as("a shard of %d", count).isBetween(fair / 2, fair * 3 / 2);
			}
		}
	}

	@Test
	void shardsAreReadAsIndexSlashCount() {
		assertThat(TenantShard.parse("2/8")).isEqualTo(new TenantShard(2, 8));
		assertThat(TenantShard.parse(" 0 / 1 ")).isEqualTo(new TenantShard(0, 1));
		assertThat(new TenantShard(3, 4)).hasToString("3/4");
		for (String bad : List.of("8/8", "-1/4", "1", "a/b", "1/0", "/4", "")) {
			assertThatIllegalArgumentException().as(bad)
				.isThrownBy(() -> TenantShard.parse(bad))
				.withMessageContaining("I/N");
		}
	}

	@Test
	void theHashDoesNotChangeBetweenVersions() {
		// pods of one Job may run different builds during an upgrade: a changed hash
		// would
		// hand a tenant to two pods, or to none
		assertThat(TenantShard.of("acme", 8)).isEqualTo(ACME_OF_8);
		assertThat(TenantShard.of("tenant_0001", 16)).isEqualTo(TENANT_0001_OF_16);
		assertThat(TenantShard.of("Tenant Ünïcode", 5)).isEqualTo(UNICODE_OF_5);
		assertThat(TenantShard.of("acme", 1)).isZero();
	}

	private List<String> change(List<String> tenants, int step) {
		List<String> changed = new ArrayList<>();
		for (String tenant : tenants) {
			if (this.random.nextInt(10) != 0) {
				changed.add(tenant);
			}
		}
		changed.addAll(names(10_000 * (step + 1), 10_000 * (step + 1) + 150));
		return changed;
	}

	private static List<String> names(int from, int to) {
		List<String> names = new ArrayList<>();
		for (int i = from; i < to; i++) {
			names.add("tenant_" + i);
		}
		return names;
	}

}
