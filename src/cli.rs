//! The command line.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::transforms::ConfigureAwaitMode;

/// Find and fix async/await pitfalls in C#: every fix is previewed as a diff before it is written.
#[derive(Debug, Parser)]
#[command(name = "asyncfix", version, about, max_term_width = 100)]
pub struct Args {
    /// C# source files or folders to check (default: the current folder)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print a unified diff of every fix; write nothing
    #[arg(long, conflicts_with_all = ["yes", "interactive"])]
    pub dry_run: bool,

    /// Apply every selected fix without asking (scripts, bulk migrations)
    #[arg(short = 'y', long, conflicts_with = "interactive")]
    pub yes: bool,

    /// Ask before each fix: show its diff, then yes / no / all remaining / quit
    #[arg(short = 'i', long)]
    pub interactive: bool,

    /// Also offer and apply fixes whose applicability is unsafe
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Comma-separated transform names or codes to run (default: all enabled by default)
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub select: Vec<String>,

    /// Comma-separated transform names or codes to skip
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub ignore: Vec<String>,

    /// How findings are listed
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Which projects get `.ConfigureAwait(false)`: libraries detected from the project file
    /// (auto), every project (always), or none (never)
    #[arg(long, value_enum, default_value_t = ConfigureAwaitMode::Auto, value_name = "MODE")]
    pub configure_await: ConfigureAwaitMode,

    /// Stop call-chain fixes at public members of library projects instead of changing their
    /// signatures (new parameters break binary compatibility)
    #[arg(long)]
    pub keep_public_api: bool,

    /// List every transform: name, code, summary, applicability, on by default or not
    #[arg(long, conflicts_with = "explain")]
    pub list: bool,

    /// Print a transform's documentation
    #[arg(long, value_name = "NAME")]
    pub explain: Option<String>,

    /// When to use colors (NO_COLOR is respected in auto mode)
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    pub color: Color,

    /// Print the syntax tree of a C# file (for writing transforms)
    #[arg(long, hide = true, value_name = "FILE")]
    pub dump_tree: Option<PathBuf>,
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: name: message` lines and a summary.
    Text,
    /// The versioned JSON document.
    Json,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colors on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}
