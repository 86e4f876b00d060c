package com.example;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.autoconfigure.SpringBootApplication;

// Prints as an application in command mode does: a banner, log lines, the report, and
// exits with the code --hoist.test-exit asks for; records its arguments in its working
// directory.
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) throws Exception {
		System.out.println("  .   ____  a banner");
		System.out.println("2026-12-02T04:00:00.000Z  INFO 1 --- [main] c.e.DemoApplication : Starting");
		Files.writeString(Path.of("arguments.txt"), String.join("\n", args));
		int code = 0;
		for (String arg : args) {
			if (arg.startsWith("--hoist.test-exit=")) {
				code = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
			}
		}
		if (code > 1) {
			System.err.println("hoist " + args[0].substring("--hoist.command=".length())
					+ ": the database cannot be reached");
		}
		else {
			System.out.println("Entities and migrations differ:");
			System.out.println("  + column public.customer.nickname");
		}
		System.out.println("2026-12-02T04:00:01.000Z  INFO 1 --- [main] HikariPool-1 - Shutdown completed.");
		System.exit(code);
	}

}
