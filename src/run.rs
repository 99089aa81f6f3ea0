//! From parsed arguments to an exit status.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Result};
use clap::CommandFactory;
use console::style;
use indicatif::{ProgressBar, ProgressStyle};

use crate::check::{Checker, Settings};
use crate::cli::{Args, Color, Format};
use crate::config::{self, CliChoices};
use crate::diagnostic::Diagnostic;
use crate::fix::{dirty, write_files, Applicability, Decision, Problem, Session};
use crate::index::Knowledge;
use crate::render::{diff, github, interactive, json, sarif, text, Counts, Locator, Version};
use crate::transforms::{self, Transform};
use crate::workspace::{SourcePath, Workspace};

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
            let _ = writeln!(crate::stdio::stderr(), "{} {err:#}", style("error:").red().bold());
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
    console::set_colors_enabled_stderr(
        color
            && (args.color == Color::Always
                || (std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal())),
    );

    if let Some(shell) = args.completions {
        let mut command = Args::command();
        clap_complete::generate(shell, &mut command, "asyncfix", &mut crate::stdio::stdout());
        return Ok(EXIT_CLEAN);
    }
    if args.man {
        clap_mangen::Man::new(Args::command()).render(&mut crate::stdio::stdout())?;
        return Ok(EXIT_CLEAN);
    }
    if args.list {
        write!(crate::stdio::stdout(), "{}", list_transforms())?;
        return Ok(EXIT_CLEAN);
    }
    if let Some(name) = &args.explain {
        let Some(t) = transforms::find(name) else { bail!("unknown transform `{name}`; known: {}", known_names()) };
        write!(crate::stdio::stdout(), "{}", t.meta().documentation)?;
        return Ok(EXIT_CLEAN);
    }
    if let Some(path) = &args.dump_tree {
        let text = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let doc = crate::source::Document::decode(&text)?;
        let tree = crate::syntax::parse(doc.text()).ok_or_else(|| anyhow::anyhow!("the parser gave up"))?;
        write!(crate::stdio::stdout(), "{}", crate::syntax::dump(&tree, doc.text()))?;
        return Ok(EXIT_CLEAN);
    }

    let select = resolve_names(&args.select, "--select")?;
    let ignore = resolve_names(&args.ignore, "--ignore")?;
    // A plan is applied by a run of the transforms it records (`--select` picks among them).
    let plan = args.apply_plan.as_deref().map(crate::apply_plan::Plan::read).transpose()?;
    let select = match &plan {
        Some(plan) => plan.transforms(&select),
        None => select,
    };
    let format = args.format();
    let quiet = args.quiet;
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
    } else if terminal && format == Format::Text && args.output.is_none() && !quiet {
        Mode::Interactive
    } else {
        Mode::List
    };

    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let workspace = Workspace::discover(&paths);
    if args.parse_only {
        return parse_only(&workspace);
    }
    let cli = CliChoices {
        select,
        ignore,
        configure_await: args.configure_await,
        keep_public_api: args.keep_public_api,
        config: args.config.clone(),
    };
    let resolved = config::resolve(&workspace, &cli, &paths[0])?;
    let (knowledge, problems) = Knowledge::with_extra(&resolved.knowledge);
    if !problems.is_empty() {
        let cwd = std::env::current_dir().unwrap_or_default();
        let sources: Vec<String> =
            resolved.knowledge_sources.iter().map(|p| crate::workspace::display_path(p, &cwd)).collect();
        bail!("in the [knowledge] of {}:\n  {}", sources.join(", "), problems.join("\n  "));
    }
    let progress = progress_bar(workspace.files.len(), format, quiet);
    let tick = || progress.inc(1);
    let default_settings =
        Arc::new(Settings { configure_await: args.configure_await.unwrap_or_default(), ..Settings::default() });
    let settings_for =
        |source: &SourcePath| resolved.settings.get(&source.path).cloned().unwrap_or_else(|| default_settings.clone());
    let mut session = Session::load_with(workspace, Checker::new(resolved.transforms.clone()), &settings_for, &tick);
    session.set_knowledge(knowledge);
    session
        .notes
        .extend(resolved.notes.iter().map(|(path, message)| Problem { path: path.clone(), message: message.clone() }));
    progress.set_position(0);
    progress.set_message("checking");
    session.check(&tick);
    progress.finish_and_clear();

    let unsafe_fixes = args.unsafe_fixes || resolved.unsafe_fixes;
    if let Some(plan) = &plan {
        return run_plan(&args, plan, &mut session, &paths, unsafe_fixes);
    }
    let initial: Vec<Diagnostic> = session.diagnostics().cloned().collect();
    let initial_counts = Counts::of(&session, &initial);
    let threshold = if unsafe_fixes || mode == Mode::Interactive { Applicability::Unsafe } else { Applicability::Safe };
    // With --quiet, stdout carries only what --format asked for explicitly (and the patch of
    // --dry-run, which is what that flag asks for).
    let listing = !quiet || args.format.is_some();
    let mut out = Output::new(args.output.as_deref());

    let remaining = match mode {
        Mode::List => {
            if listing {
                report(&mut out, &session, &initial, Version::Original, format, 0)?;
            }
            if format == Format::Text && !quiet {
                writeln!(out, "{}", text::listing_summary(&initial_counts, unsafe_fixes))?;
            }
            initial.len()
        }
        Mode::DryRun => {
            let outcome = session.fix_all(threshold, &mut |_, _| Decision::Yes);
            match format {
                Format::Text => {
                    for file in session.files.iter().filter(|f| f.is_changed()) {
                        diff::write_patch(
                            &mut out,
                            &file.source.display,
                            &file.original_bytes(),
                            &file.doc.to_disk(),
                            color && args.output.is_none(),
                        )?;
                    }
                    if !quiet {
                        let stderr = &mut crate::stdio::stderr();
                        report(stderr, &session, &initial, Version::Original, format, 0)?;
                        let changed = session.files.iter().filter(|f| f.is_changed()).count();
                        writeln!(stderr, "{}", text::applied_summary(outcome.applied, changed, initial.len(), true))?;
                    }
                }
                _ => report(&mut out, &session, &initial, Version::Original, format, 0)?,
            }
            initial.len()
        }
        Mode::Apply | Mode::Interactive => {
            let allow = dirty::Allow { dirty: args.allow_dirty, staged: args.allow_staged };
            if mode == Mode::Interactive {
                // Refuse before asking anything: the files that the fixes offered would edit, as
                // far as the first round can tell.
                dirty::refuse_uncommitted(&session, &dirty::files_fixes_would_edit(&session, threshold), allow)
                    .map_err(anyhow::Error::msg)?;
            }
            let outcome = if mode == Mode::Apply {
                session.fix_all(threshold, &mut |_, _| Decision::Yes)
            } else {
                session.fix_all(threshold, &mut |s, d| interactive::ask(s, d, color))
            };
            // Exactly the files that would be written.
            dirty::refuse_uncommitted(&session, &dirty::changed_files(&session), allow).map_err(anyhow::Error::msg)?;
            let written = write_files(&session);
            session.errors.extend(written.skipped);
            let remaining: Vec<Diagnostic> = session.diagnostics().cloned().collect();
            if listing {
                report(&mut out, &session, &remaining, Version::Current, format, outcome.applied)?;
            }
            if format == Format::Text && !quiet {
                writeln!(
                    out,
                    "{}",
                    text::applied_summary(outcome.applied, written.written.len(), remaining.len(), false)
                )?;
            }
            remaining.len()
        }
    };
    out.finish()?;

    if !quiet {
        print_problems(&session.notes, "note:");
    }
    print_problems(&session.errors, "error:");
    Ok(if !session.errors.is_empty() {
        EXIT_ERROR
    } else if remaining > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// `--parse-only`: what a bare parse of the workspace costs, read and decode included.
fn parse_only(workspace: &Workspace) -> Result<u8> {
    use rayon::prelude::*;
    // The masked view is parsed only for the files with errors: the plain parse is the baseline.
    let (files, bytes, with_errors, after_mask) = workspace
        .files
        .par_iter()
        .filter_map(|source| {
            let doc = crate::source::Document::decode(&std::fs::read(&source.path).ok()?).ok()?;
            let plain = crate::syntax::parse(doc.text())?.root_node().has_error();
            let masked = plain && crate::syntax::parse_file(doc.text())?.has_errors();
            Some((1, doc.text().len(), usize::from(plain), usize::from(masked)))
        })
        .reduce(|| (0, 0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3));
    writeln!(
        crate::stdio::stdout(),
        "parsed {files} files, {bytes} bytes, {with_errors} with syntax errors ({after_mask} after the masked view)"
    )?;
    Ok(EXIT_CLEAN)
}

/// `--apply-plan`.
fn run_plan(
    args: &Args,
    plan: &crate::apply_plan::Plan,
    session: &mut Session,
    paths: &[PathBuf],
    unsafe_fixes: bool,
) -> Result<u8> {
    // The recorded transforms that `--select` picks and neither `--ignore` nor configuration
    // turned off.
    let picked = plan.transforms(&resolve_names(&args.select, "--select")?);
    let transforms: Vec<&'static dyn Transform> = session
        .transforms()
        .iter()
        .copied()
        .filter(|t| picked.iter().any(|p| p.meta().name == t.meta().name))
        .collect();
    let allow = dirty::Allow { dirty: args.allow_dirty, staged: args.allow_staged };
    let options = crate::apply_plan::Options { paths, transforms: &transforms, unsafe_fixes, allow };
    let report = crate::apply_plan::apply(plan, session, &options)?;
    if !args.quiet {
        let _ = writeln!(
            crate::stdio::stderr(),
            "applied {} fix{} to {} file{}",
            report.applied,
            if report.applied == 1 { "" } else { "es" },
            report.written.len(),
            if report.written.len() == 1 { "" } else { "s" }
        );
        print_problems(&session.notes, "note:");
        print_problems(&report.notes, "note:");
        print_problems(&report.postponed, "note:");
    }
    print_problems(&report.refused, "error:");
    print_problems(&session.errors, "error:");
    Ok(if !report.refused.is_empty() || !session.errors.is_empty() {
        EXIT_ERROR
    } else if !report.postponed.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Where the requested output goes: stdout, or a buffer written to `--output` at the end
/// (a temporary file in the same folder, then renamed, so that a reader never sees half of it).
struct Output<'p> {
    file: Option<&'p std::path::Path>,
    buffer: Vec<u8>,
    stdout: crate::stdio::Stdout,
}

impl<'p> Output<'p> {
    fn new(file: Option<&'p std::path::Path>) -> Self {
        Output { file, buffer: Vec::new(), stdout: crate::stdio::stdout() }
    }

    fn finish(&mut self) -> Result<()> {
        let Some(path) = self.file else { return Ok(self.stdout.flush()?) };
        crate::fix::replace_atomically(path, &self.buffer, None)
            .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), crate::workspace::io_message(&e)))
    }
}

impl Write for Output<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.file {
            Some(_) => self.buffer.write(buf),
            None => self.stdout.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.file {
            Some(_) => Ok(()),
            None => self.stdout.flush(),
        }
    }
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
        Format::Sarif => writeln!(out, "{}", sarif::render(diagnostics, &mut locator))?,
        Format::Github => github::write(out, diagnostics, &mut locator)?,
    }
    Ok(())
}

fn print_problems(problems: &[Problem], label: &str) {
    let label = if label == "error:" { style(label).red().bold() } else { style(label).cyan().bold() };
    for p in problems {
        let _ = writeln!(crate::stdio::stderr(), "{label} {}: {}", p.path, p.message);
    }
}

fn progress_bar(len: usize, format: Format, quiet: bool) -> ProgressBar {
    if format != Format::Text || quiet || !std::io::stderr().is_terminal() {
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

/// Resolves the names or codes of `--select` or `--ignore` to transforms.
fn resolve_names(names: &[String], flag: &str) -> Result<Vec<&'static dyn Transform>> {
    names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .map(|n| {
            transforms::find(n)
                .ok_or_else(|| anyhow::anyhow!("unknown transform `{n}` in {flag}; known: {}", known_names()))
        })
        .collect()
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
