//! The `desk` binary: parse, build the context, dispatch, and turn any error into one
//! line on stderr and the exit code `error::classify` decides.

use clap::Parser;
use desk::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let code = e.exit_code();
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
                || matches!(
                    e.kind(),
                    ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
                )
            {
                // --help and --version go to stdout; a closed pipe there is fine.
                let _ = e.print();
            } else {
                // Usage errors read like every other error: one line, and a hint.
                let (message, hint) = desk::error::usage_lines(&e.render().to_string());
                eprintln!("desk: error: {message}");
                eprintln!("hint: {hint}");
            }
            return ExitCode::from(code as u8);
        }
    };
    let result = desk::commands::run(cli);
    let succeeded = match &result {
        Ok(()) => true,
        Err(e) => desk::error::is_closed_pipe(e),
    };
    let kept = desk::commands::settle_edit(succeeded);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let v = desk::error::classify(&err);
            if let Some(msg) = v.message {
                eprintln!("desk: error: {}", desk::domain::text::escape(&msg, false));
                if let Some(hint) = v.hint {
                    eprintln!("hint: {hint}");
                }
            }
            if let Some(path) = kept {
                eprintln!(
                    "hint: what you wrote in the editor is kept in {}",
                    desk::domain::text::escape(&path.display().to_string(), false)
                );
            }
            ExitCode::from(v.code as u8)
        }
    }
}
