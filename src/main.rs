use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = asyncfix::cli::Args::parse();
    ExitCode::from(asyncfix::run::run(args))
}
