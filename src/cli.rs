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

    /// Ask before each fix (the default on a terminal): show its diff, then one key: y, n, a (all
    /// remaining), q (quit, write what was accepted), d (skip the file), s (skip the transform), e
    /// (explain), ? (help); Ctrl-C writes nothing
    #[arg(short = 'i', long)]
    pub interactive: bool,

    /// Also offer and apply fixes whose applicability is unsafe
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Comma-separated transform names, codes or analyzer IDs (CA2007) to run (default: all
    /// enabled by default)
    #[arg(long, value_delimiter = ',', value_name = "NAMES", value_parser = TransformIds, hide_possible_values = true)]
    pub select: Vec<String>,

    /// Comma-separated transform names, codes or analyzer IDs to skip
    #[arg(long, value_delimiter = ',', value_name = "NAMES", value_parser = TransformIds, hide_possible_values = true)]
    pub ignore: Vec<String>,

    /// How findings are listed; given explicitly, a terminal gets the listing instead of the prompt
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Write nothing; exit 1 if `--yes` (with `--unsafe-fixes`, if given) would change a file,
    /// else 0, and list the files it would change
    #[arg(long, conflicts_with_all = ["dry_run", "yes", "interactive", "apply_plan", "write_baseline"])]
    pub check: bool,

    /// Exit 0 even when findings remain (errors still exit 2)
    #[arg(long)]
    pub exit_zero: bool,

    /// Print one line per transform (findings, fixable safe, fixable unsafe, without fix) instead
    /// of the findings
    #[arg(long)]
    pub statistics: bool,

    /// Leave out the findings recorded in this baseline (overrides `baseline` in asyncfix.toml)
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<std::path::PathBuf>,

    /// Record every current finding in FILE, a baseline for `--baseline`, and exit
    #[arg(long, value_name = "FILE", conflicts_with_all = ["dry_run", "yes", "interactive", "apply_plan"])]
    pub write_baseline: Option<std::path::PathBuf>,

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
    #[arg(long, conflicts_with = "change_public_api")]
    pub keep_public_api: bool,

    /// Let call-chain fixes make public and protected members of library projects async (by
    /// default async-all-the-way stops there: a new name and return type break consumers)
    #[arg(long)]
    pub change_public_api: bool,

    /// List every transform: code, name, applicability, on by default or not, summary, and the
    /// analyzer IDs it stands for
    #[arg(long, conflicts_with = "explain")]
    pub list: bool,

    /// Print a transform's documentation (a name, code or analyzer ID: all the transforms it
    /// stands for)
    #[arg(long, value_name = "NAME", value_parser = TransformIds, hide_possible_values = true)]
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

/// Accepts any word for `--select`, `--ignore` and `--explain` (the run checks them and suggests
/// the nearest when one is unknown) and offers every transform name, code and analyzer ID to
/// shell completions.
#[derive(Clone, Copy, Debug)]
pub struct TransformIds;

impl clap::builder::TypedValueParser for TransformIds {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let ids = crate::config::ids::all_ids();
        Some(Box::new(ids.into_iter().map(|(id, help)| clap::builder::PossibleValue::new(id).help(help))))
    }
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
