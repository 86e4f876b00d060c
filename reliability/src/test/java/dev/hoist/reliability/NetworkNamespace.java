package dev.hoist.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace of the test's own, joined to this machine by a veth pair: a process
 * started inside it is on another machine as far as PostgreSQL can tell, and
 * {@link #cut()} makes that machine vanish: its link goes down, and nothing it sends or
 * is sent reaches the other side, not even a FIN or a RST. Addresses come from
 * 198.18.0.0/15, the range set aside for test networks, and never leave this machine.
 * <p>
 * Needs root and {@code ip} (iproute2). Without them the scenario fails, unless the run
 * opts out with {@code -Dhoist.reliability.netns=skip}, which it prints loudly.
 */
final class NetworkNamespace implements AutoCloseable {

	private static final String SKIP_PROPERTY = "hoist.reliability.netns";

	private final String name;

	private final String hostDevice;

	private final String innerDevice;

	private final String hostAddress;

	private final String innerAddress;

	private NetworkNamespace(String name, String hostDevice, String innerDevice, String hostAddress,
			String innerAddress) {
		this.name = name;
		this.hostDevice = hostDevice;
		this.innerDevice = innerDevice;
		this.hostAddress = hostAddress;
		this.innerAddress = innerAddress;
	}

	/**
	 * Create a namespace linked to this machine.
	 * @param scenario the scenario, for the skip message
	 * @return the namespace, its link up
	 */
	static NetworkNamespace create(String scenario) {
		if ("skip".equalsIgnoreCase(System.getProperty(SKIP_PROPERTY, "").strip())) {
			String message = "SKIPPED BY REQUEST (-D" + SKIP_PROPERTY + "=skip): the vanished-machine scenario did"
					+ " not run; this run proves nothing about a holder whose machine vanishes";
			System.out
				.println("[reliability] " + scenario + ": " + "*".repeat(20) + " " + message + " " + "*".repeat(20));
			Assumptions.abort(message);
		}
		long id = ProcessHandle.current().pid() % 100_000;
		int subnet = (int) (id % 250) + 1;
		NetworkNamespace namespace = new NetworkNamespace("hoist-rel-" + id, "hvh" + id, "hvn" + id,
				"198.18." + subnet + ".1", "198.18." + subnet + ".2");
		try {
			namespace.run("ip", "netns", "add", namespace.name);
			namespace.run("ip", "link", "add", namespace.hostDevice, "type", "veth", "peer", "name",
					namespace.innerDevice);
			namespace.run("ip", "link", "set", namespace.innerDevice, "netns", namespace.name);
			namespace.run("ip", "addr", "add", namespace.hostAddress + "/30", "dev", namespace.hostDevice);
			namespace.run("ip", "link", "set", namespace.hostDevice, "up");
			namespace.run("ip", "-n", namespace.name, "addr", "add", namespace.innerAddress + "/30", "dev",
					namespace.innerDevice);
			namespace.run("ip", "-n", namespace.name, "link", "set", namespace.innerDevice, "up");
			namespace.run("ip", "-n", namespace.name, "link", "set", "lo", "up");
			return namespace;
		}
		catch (RuntimeException ex) {
			namespace.close();
			throw new IllegalStateException("Could not create a network namespace (" + ex.getMessage() + "). This"
					+ " scenario needs root and iproute2 (apt-get install -y iproute2); skip it explicitly with -D"
					+ SKIP_PROPERTY + "=skip", ex);
		}
	}

	/**
	 * Return the address of this machine as the namespace sees it.
	 * @return the address
	 */
	String hostAddress() {
		return this.hostAddress;
	}

	/**
	 * Return the namespace's own address.
	 * @return the address
	 */
	String innerAddress() {
		return this.innerAddress;
	}

	/**
	 * Return the command prefix that runs a program inside the namespace.
	 * @return the prefix
	 */
	List<String> exec() {
		return List.of("ip", "netns", "exec", this.name);
	}

	/**
	 * Make the namespace's machine vanish: its end of the link goes down, and the packets
	 * of every connection through it are dropped without a word.
	 */
	void cut() {
		run("ip", "-n", this.name, "link", "set", this.innerDevice, "down");
	}

	@Override
	public void close() {
		// deleting the namespace deletes its end of the pair, and with it the other
		runQuietly("ip", "netns", "del", this.name);
		runQuietly("ip", "link", "del", this.hostDevice);
	}

	private void run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(String.join(" ", command) + " could not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void runQuietly(String... command) {
		try {
			List<String> list = new ArrayList<>(List.of(command));
			new ProcessBuilder(list).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor(30, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			// nothing was created
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
