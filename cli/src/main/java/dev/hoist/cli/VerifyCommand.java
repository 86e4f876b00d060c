package dev.hoist.cli;

import dev.hoist.core.command.HoistCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command
final class VerifyCommand extends CliCommand.OnDatabase {

	@Mixin
	ShadowOptions shadow = new ShadowOptions();

	@Override
	HoistCommand command() {
		return HoistCommand.VERIFY;
	}

	@Override
	ShadowOptions shadow() {
		return this.shadow;
	}

}
