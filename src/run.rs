//! From parsed arguments to an exit status.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Result};
use console::style;
use indicatif::{ProgressBar, ProgressStyle};

use crate::check::{Checker, Settings};
use crate::cli::{Args, Color, Format};
use crate::diagnostic::Diagnostic;
use crate::fix::{write_files, Applicability, Decision, Problem, Session};
use crate::render::{diff, interactive, json, text, Counts, Locator, Version};
use crate::transforms::{self, Transform};
use crate::workspace::Workspace;

/// Exit status: no findings remain.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: findings remain (listed, previewed, declined, or without an applicable fix).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: a usage error, unreadable input or an internal error.
pub const EXIT_ERROR: u8 = 2;

/// What a run does with the fixes it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// List findings, write nothing (no terminal, no flag).
    List,
    /// `--dry-run`: print the patch, write nothing.
    DryRun,
    /// `--yes`: apply without asking.
    Apply,
    /// `-i`, or a terminal: ask for each fix.
    Interactive,
}

/// Runs asyncfix and returns the exit status.
pub fn run(args: Args) -> u8 {
    match try_run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{} {err:#}", style("error:").red().bold());
            EXIT_ERROR
        }
    }
}

fn try_run(args: Args) -> Result<u8> {
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal(),
    };
    console::set_colors_enabled(color);
    console::set_colors_enabled_stderr(color && (args.color == Color::Always || std::io::stderr().is_terminal()));

    if args.list {
        print!("{}", list_transforms());
        return Ok(EXIT_CLEAN);
    }
    if let Some(name) = &args.explain {
        let Some(t) = transforms::find(name) else { bail!("unknown transform `{name}`; known: {}", known_names()) };
        print!("{}", t.meta().documentation);
        return Ok(EXIT_CLEAN);
    }
    if let Some(path) = &args.dump_tree {
        let text = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let doc = crate::source::Document::decode(&text)?;
        let tree = crate::syntax::parse(doc.text()).ok_or_else(|| anyhow::anyhow!("the parser gave up"))?;
        print!("{}", crate::syntax::dump(&tree, doc.text()));
        return Ok(EXIT_CLEAN);
    }

    let selected = select_transforms(&args.select, &args.ignore)?;
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mode = if args.dry_run {
        Mode::DryRun
    } else if args.yes {
        Mode::Apply
    } else if args.interactive {
        if !terminal {
            bail!("--interactive needs a terminal; use --dry-run to preview or --yes to apply");
        }
        Mode::Interactive
    } else if terminal && args.format == Format::Text {
        Mode::Interactive
    } else {
        Mode::List
    };

    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let workspace = Workspace::discover(&paths);
    let progress = progress_bar(workspace.files.len(), args.format);
    let tick = || progress.inc(1);
    let settings = Settings {
        configure_await: args.configure_await,
        keep_public_api: args.keep_public_api,
        ..Settings::default()
    };
    let mut session = Session::load(workspace, Checker::new(selected), settings, &tick);
    progress.set_position(0);
    progress.set_message("checking");
    session.check(&tick);
    progress.finish_and_clear();

    let initial: Vec<Diagnostic> = session.diagnostics().cloned().collect();
    let initial_counts = Counts::of(&session, &initial);
    let threshold =
        if args.unsafe_fixes || mode == Mode::Interactive { Applicability::Unsafe } else { Applicability::Safe };
    let stdout = &mut std::io::stdout().lock();

    let remaining = match mode {
        Mode::List => {
            report(stdout, &session, &initial, Version::Original, args.format, 0)?;
            if args.format == Format::Text {
                writeln!(stdout, "{}", text::listing_summary(&initial_counts, args.unsafe_fixes))?;
            }
            initial.len()
        }
        Mode::DryRun => {
            let outcome = session.fix_all(threshold, &mut |_, _| Decision::Yes);
            match args.format {
                Format::Json => report(stdout, &session, &initial, Version::Original, args.format, 0)?,
                Format::Text => {
                    for file in session.files.iter().filter(|f| f.is_changed()) {
                        diff::write_patch(stdout, &file.source.display, &file.original, &file.doc.to_disk(), color)?;
                    }
                    let stderr = &mut std::io::stderr().lock();
                    report(stderr, &session, &initial, Version::Original, args.format, 0)?;
                    let changed = session.files.iter().filter(|f| f.is_changed()).count();
                    writeln!(stderr, "{}", text::applied_summary(outcome.applied, changed, initial.len(), true))?;
                }
            }
            initial.len()
        }
        Mode::Apply | Mode::Interactive => {
            let outcome = if mode == Mode::Apply {
                session.fix_all(threshold, &mut |_, _| Decision::Yes)
            } else {
                session.fix_all(threshold, &mut |s, d| interactive::ask(s, d, color))
            };
            let written = write_files(&session);
            session.errors.extend(written.skipped);
            let remaining: Vec<Diagnostic> = session.diagnostics().cloned().collect();
            report(stdout, &session, &remaining, Version::Current, args.format, outcome.applied)?;
            if args.format == Format::Text {
                writeln!(
                    stdout,
                    "{}",
                    text::applied_summary(outcome.applied, written.written.len(), remaining.len(), false)
                )?;
            }
            remaining.len()
        }
    };

    print_problems(&session.notes, "note:");
    print_problems(&session.errors, "error:");
    Ok(if !session.errors.is_empty() {
        EXIT_ERROR
    } else if remaining > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Lists `diagnostics` as text lines or as the JSON document.
fn report(
    out: &mut dyn Write,
    session: &Session,
    diagnostics: &[Diagnostic],
    version: Version,
    format: Format,
    applied: usize,
) -> Result<()> {
    let mut locator = Locator::new(session, version);
    match format {
        Format::Text => text::write_listing(out, diagnostics, &mut locator)?,
        Format::Json => {
            let counts = Counts::of(session, diagnostics);
            writeln!(out, "{}", json::render(diagnostics, &session.errors, &counts, applied, &mut locator))?;
        }
    }
    Ok(())
}

fn print_problems(problems: &[Problem], label: &str) {
    let label = if label == "error:" { style(label).red().bold() } else { style(label).cyan().bold() };
    for p in problems {
        eprintln!("{label} {}: {}", p.path, p.message);
    }
}

fn progress_bar(len: usize, format: Format) -> ProgressBar {
    if format != Format::Text || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg:>9} [{bar:30}] {pos}/{len} files")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message("reading");
    bar
}

/// Resolves `--select` and `--ignore` (names or codes) to the transforms to run.
fn select_transforms(select: &[String], ignore: &[String]) -> Result<Vec<&'static dyn Transform>> {
    let resolve = |names: &[String], flag: &str| -> Result<Vec<&'static dyn Transform>> {
        names
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .map(|n| {
                transforms::find(n)
                    .ok_or_else(|| anyhow::anyhow!("unknown transform `{n}` in {flag}; known: {}", known_names()))
            })
            .collect()
    };
    let selected = resolve(select, "--select")?;
    let ignored = resolve(ignore, "--ignore")?;
    let base: Vec<&'static dyn Transform> = if selected.is_empty() {
        transforms::all().iter().copied().filter(|t| t.meta().default_enabled).collect()
    } else {
        selected
    };
    Ok(base.into_iter().filter(|t| !ignored.iter().any(|i| i.meta().name == t.meta().name)).collect())
}

fn known_names() -> String {
    transforms::all().iter().map(|t| format!("{} ({})", t.meta().name, t.meta().code)).collect::<Vec<_>>().join(", ")
}

fn list_transforms() -> String {
    let mut out = String::new();
    for t in transforms::all() {
        let m = t.meta();
        let default = if m.default_enabled { "on by default" } else { "off by default" };
        out.push_str(&format!("{:<6} {:<28} {:<12} {:<15} {}\n", m.code, m.name, m.fix.name(), default, m.summary));
    }
    out
}
