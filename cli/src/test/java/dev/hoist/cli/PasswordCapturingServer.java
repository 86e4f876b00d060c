package dev.hoist.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * A server that speaks just enough of PostgreSQL's protocol to ask a client for its
 * password in clear text and record what it sends, then refuses the login: the way to see
 * which password a client would send to a host.
 */
final class PasswordCapturingServer implements AutoCloseable {

	private static final int SSL_REQUEST = 80877103;

	private static final int GSS_REQUEST = 80877104;

	private final ServerSocket socket;

	private final List<Login> logins = new CopyOnWriteArrayList<>();

	private PasswordCapturingServer(ServerSocket socket) {
		this.socket = socket;
		Thread acceptor = new Thread(this::accept, "password-capturing-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	static PasswordCapturingServer start() {
		try {
			return new PasswordCapturingServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.socket.getLocalPort();
	}

	List<Login> logins() {
		return List.copyOf(this.logins);
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept()) {
				serve(client);
			}
			catch (IOException ex) {
				// the client hung up, or the server closed
			}
		}
	}

	private void serve(Socket client) throws IOException {
		DataInputStream in = new DataInputStream(client.getInputStream());
		DataOutputStream out = new DataOutputStream(client.getOutputStream());
		Map<String, String> parameters;
		while (true) {
			byte[] packet = new byte[in.readInt() - 4];
			in.readFully(packet);
			int code = ((packet[0] & 0xFF) << 24) | ((packet[1] & 0xFF) << 16) | ((packet[2] & 0xFF) << 8)
					| (packet[3] & 0xFF);
			if (code == SSL_REQUEST || code == GSS_REQUEST) {
				out.writeByte('N');
				out.flush();
				continue;
			}
			parameters = parameters(packet);
			break;
		}
		// AuthenticationCleartextPassword
		out.writeByte('R');
		out.writeInt(8);
		out.writeInt(3);
		out.flush();
		String password = null;
		try {
			if (in.readByte() == 'p') {
				byte[] message = new byte[in.readInt() - 4];
				in.readFully(message);
				password = new String(message, 0, message.length - 1, StandardCharsets.UTF_8);
			}
		}
		catch (EOFException ex) {
			// the client had no password to send
		}
		this.logins.add(new Login(parameters.get("user"), parameters.get("database"), password));
		ByteArrayOutputStream error = new ByteArrayOutputStream();
		for (String field : List.of("SFATAL", "C28P01", "Mpassword authentication failed")) {
			error.writeBytes(field.getBytes(StandardCharsets.UTF_8));
			error.write(0);
		}
		error.write(0);
		out.writeByte('E');
		out.writeInt(error.size() + 4);
		out.write(error.toByteArray());
		out.flush();
	}

	private static Map<String, String> parameters(byte[] packet) {
		Map<String, String> parameters = new LinkedHashMap<>();
		String[] parts = new String(packet, 4, packet.length - 4, StandardCharsets.UTF_8).split("\0");
		for (int i = 0; i + 1 < parts.length; i += 2) {
			parameters.put(parts[i], parts[i + 1]);
		}
		return parameters;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * One attempt to log in.
	 *
	 * @param user the user the client named
	 * @param database the database it asked for
	 * @param password the password it sent, or {@code null} when it sent none
	 */
	record Login(@Nullable String user, @Nullable String database, @Nullable String password) {

	}

}
