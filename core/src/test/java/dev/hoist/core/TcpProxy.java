package dev.hoist.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a server, whose connections a test can cut as a
 * killed process's kernel does: the server sees its client's socket close while it is
 * busy with a statement.
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final String host;

	private final int port;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private TcpProxy(ServerSocket listener, String host, int port) {
		this.listener = listener;
		this.host = host;
		this.port = port;
		daemon(this::accept, "tcp-proxy-accept");
	}

	static TcpProxy to(String host, int port) {
		try {
			return new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), host, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.listener.getLocalPort();
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				Socket server = new Socket(this.host, this.port);
				this.sockets.add(client);
				this.sockets.add(server);
				daemon(() -> pump(client, server), "tcp-proxy-up");
				daemon(() -> pump(server, client), "tcp-proxy-down");
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private static void pump(Socket from, Socket to) {
		byte[] buffer = new byte[8192];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// cut
		}
	}

	/** Close every connection at once, on both sides. */
	void cut() {
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}
	}

	@Override
	public void close() {
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		cut();
	}

	private static void daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

}
