package dev.hoist.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on loopback that accepts every connection and never answers, as a stuck
 * server, a half-started proxy or a port that belongs to something else does. A client
 * without read timeouts waits on it forever.
 */
public final class SilentServer implements AutoCloseable {

	private final ServerSocket socket;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	private SilentServer(ServerSocket socket) {
		this.socket = socket;
		this.acceptor = new Thread(this::accept, "silent-server-" + socket.getLocalPort());
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * Listen on a free port of 127.0.0.1.
	 * @return the listening server
	 */
	public static SilentServer start() {
		try {
			return new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				// held open, never read from, never written to
				this.accepted.add(this.socket.accept());
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	/**
	 * Return the port.
	 * @return the port
	 */
	public int port() {
		return this.socket.getLocalPort();
	}

	/**
	 * Return how many connections it accepted so far.
	 * @return the count
	 */
	public int accepted() {
		return this.accepted.size();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
			for (Socket client : this.accepted) {
				client.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
