//! The command line.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::transforms::ConfigureAwaitMode;

impl Args {
    /// `--format`, text when not given.
    pub fn format(&self) -> Format {
        self.format.unwrap_or(Format::Text)
    }
}

/// Find and fix async/await pitfalls in C#: every fix is previewed as a diff before it is written.
#[derive(Debug, Parser)]
#[command(name = "asyncfix", version, about, max_term_width = 100)]
pub struct Args {
    /// Folders, C# source files, projects (.csproj) or solutions (.sln, .slnx) to check (default:
    /// the current folder)
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
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Which projects get `.ConfigureAwait(false)`: libraries detected from the project file
    /// (auto, the default), every project (always), or none (never); overrides asyncfix.toml
    #[arg(long, value_enum, value_name = "MODE")]
    pub configure_await: Option<ConfigureAwaitMode>,

    /// Use this configuration file for every path instead of the nearest asyncfix.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Write the patch, JSON, SARIF or annotations to FILE (atomically) instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Apply the fixes a plan (`--dry-run --format json` output) records, where asyncfix finds
    /// them again, identical, in unchanged files inside PATH; `--select` picks a subset
    #[arg(long, value_name = "PLAN", conflicts_with_all = ["dry_run", "interactive", "list", "explain"])]
    pub apply_plan: Option<PathBuf>,

    /// Write into files that have uncommitted changes in git
    #[arg(long)]
    pub allow_dirty: bool,

    /// Write into files whose changes are all staged in git (nothing unstaged, not untracked), as
    /// in a pre-commit hook
    #[arg(long)]
    pub allow_staged: bool,

    /// Print only errors on stderr, and on stdout only the output of an explicit --format
    #[arg(short = 'q', long)]
    pub quiet: bool,

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

    /// Print a shell completion script
    #[arg(long, value_enum, value_name = "SHELL")]
    pub completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff)
    #[arg(long)]
    pub man: bool,

    /// Print the syntax tree of a C# file (for writing transforms)
    #[arg(long, hide = true, value_name = "FILE")]
    pub dump_tree: Option<PathBuf>,

    /// Only read and parse the discovered files on all cores, and print how many (the baseline
    /// `bench/compare.sh` times asyncfix against)
    #[arg(long, hide = true)]
    pub parse_only: bool,
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: name: message` lines and a summary.
    Text,
    /// The versioned JSON document.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=…`).
    Github,
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
