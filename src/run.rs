//! From parsed arguments to an exit status.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Result};
use clap::CommandFactory;
use console::style;
use indicatif::{ProgressBar, ProgressStyle};

use crate::baseline::Baseline;
use crate::check::{Checker, Settings};
use crate::cli::{Args, Color, Format};
use crate::config::{self, CliChoices};
use crate::diagnostic::Diagnostic;
use crate::fix::{dirty, write_files, Applicability, Decision, Problem, Session};
use crate::index::Knowledge;
use crate::render::summary::{statistics, statistics_table, FixLog};
use crate::render::text::Marks;
use crate::render::{diff, github, interactive, json, sarif, terminal, text, Counts, Locator, Version};
use crate::transforms::{self, Transform};
use crate::workspace::{SourcePath, Workspace};

/// Exit status: no findings remain.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: findings remain (listed, previewed, declined, or without an applicable fix).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: a usage error, unreadable input or an internal error.
pub const EXIT_ERROR: u8 = 2;
/// Exit status: the interactive review was interrupted with Ctrl-C; nothing was written.
pub const EXIT_INTERRUPTED: u8 = 130;

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
    /// `--check`: find what `--yes` would change, write nothing.
    Check,
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
        crate::render::manual::render(Args::command(), &mut crate::stdio::stdout())?;
        return Ok(EXIT_CLEAN);
    }
    if args.list {
        write!(crate::stdio::stdout(), "{}", list_transforms())?;
        return Ok(EXIT_CLEAN);
    }
    if let Some(name) = &args.explain {
        write!(crate::stdio::stdout(), "{}", explain(name)?)?;
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
    } else if args.check {
        Mode::Check
    } else if terminal
        && args.format.is_none()
        && args.output.is_none()
        && !quiet
        && !args.statistics
        && args.write_baseline.is_none()
    {
        // Only the plain `asyncfix PATH` on a terminal asks; an explicit `--format` lists.
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
        change_public_api: args.change_public_api,
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
    let checker = Checker::new(resolved.transforms.clone())
        .with_suppressor(Box::new(crate::config::suppress::SourceSuppressions));
    let mut session = Session::load_with(workspace, checker, &settings_for, &tick);
    session.set_knowledge(knowledge);
    session
        .errors
        .extend(resolved.errors.iter().map(|(path, message)| Problem { path: path.clone(), message: message.clone() }));
    progress.set_position(0);
    progress.set_message("checking");
    session.check(&tick);
    progress.finish_and_clear();

    // Files a broken configuration file would configure: nothing is reported there, and no fix
    // may edit them (what the configuration says of them is unknown).
    let stopped: HashMap<usize, &crate::config::Stop> = (0..session.files.len())
        .filter_map(|f| resolved.stopped.get(&session.files[f].source.path).map(|stop| (f, stop)))
        .collect();
    let into_stopped = |d: &Diagnostic| {
        d.fix.as_ref().is_some_and(|f| {
            f.edits.iter().any(|e| stopped.get(&e.file).is_some_and(|stop| stop.stops(d.transform.name)))
        })
    };
    if !stopped.is_empty() {
        for d in session.files.iter_mut().flat_map(|f| f.diagnostics.iter_mut()) {
            if into_stopped(d) {
                d.fix = None;
            }
        }
    }
    // Written before any baseline is read: it may not exist yet, and it records every finding.
    if let Some(path) = &args.write_baseline {
        let count = crate::baseline::write(path, &session)?;
        if !quiet {
            writeln!(
                crate::stdio::stderr(),
                "Wrote {} to the baseline {}",
                crate::render::summary::plural(count, "finding"),
                path.display()
            )?;
        }
        print_problems(&session.errors, "error:");
        return Ok(if session.errors.is_empty() { EXIT_CLEAN } else { EXIT_ERROR });
    }
    let baseline = match args.baseline.clone().or_else(|| resolved.baseline.clone()) {
        Some(path) => Some(Baseline::load(&path)?),
        None => None,
    };
    // What the run shows and fixes: not what the baseline hides, nothing into a stopped file.
    let listed = |session: &Session| match &baseline {
        Some(b) => b.shown(session),
        None => (session.diagnostics().cloned().collect::<Vec<_>>(), 0),
    };
    let offered = |s: &Session, d: &Diagnostic| !into_stopped(d) && !baseline.as_ref().is_some_and(|b| b.hides(s, d));

    let unsafe_fixes = args.unsafe_fixes || resolved.unsafe_fixes;
    if let Some(plan) = &plan {
        return run_plan(&args, plan, &mut session, &paths, unsafe_fixes);
    }
    let (initial, baselined) = listed(&session);
    let initial_counts = Counts { baselined, ..Counts::of(&session, &initial, unsafe_fixes) };
    let threshold = if unsafe_fixes || mode == Mode::Interactive { Applicability::Unsafe } else { Applicability::Safe };
    let marks =
        Marks { threshold: if unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe }, chains: false };
    // With --quiet, stdout carries only what --format asked for explicitly (and the patch of
    // --dry-run, which is what that flag asks for).
    let listing = !quiet || args.format.is_some();
    let stats = args.statistics;
    let cwd = std::env::current_dir().unwrap_or_default();
    let baseline_line = baseline.as_ref().map(|b| (crate::workspace::display_path(&b.path, &cwd), baselined));
    let show_baseline = baseline_line.as_ref().map(|(p, n)| (p.as_str(), *n));
    let mut out = Output::new(args.output.as_deref());
    let mut log = FixLog::new(&session, &initial);

    let remaining = match mode {
        Mode::List => {
            if listing {
                let shown = Shown { counts: &initial_counts, marks, statistics: stats, baseline: show_baseline };
                report(&mut out, &session, &initial, Version::Original, format, &shown)?;
            }
            if format == Format::Text && !quiet && !stats {
                writeln!(out, "{}", text::listing_summary(&initial_counts, unsafe_fixes))?;
            }
            initial.len()
        }
        Mode::DryRun | Mode::Check => {
            let outcome = session.fix_all(threshold, &mut |s, d| {
                log.record(s, d, if offered(s, d) { Decision::Yes } else { Decision::No })
            });
            let counts =
                Counts { fixes_previewed: outcome.applied, later_round_fixes: log.later_rounds(), ..initial_counts };
            let changed: Vec<String> =
                session.files.iter().filter(|f| f.is_changed()).map(|f| f.source.display.clone()).collect();
            let shown = Shown {
                counts: &counts,
                marks: Marks { chains: true, ..marks },
                statistics: stats,
                baseline: show_baseline,
            };
            match (mode, format) {
                (Mode::Check, Format::Text) => {
                    if listing {
                        for line in log.file_lines(&session, &changed) {
                            writeln!(out, "would change {line}")?;
                        }
                        let flags = if unsafe_fixes { " --unsafe-fixes" } else { "" };
                        match changed.len() {
                            0 => writeln!(out, "`asyncfix --yes{flags}` would change no file")?,
                            n => writeln!(
                                out,
                                "`asyncfix --yes{flags}` would change {} ({})",
                                crate::render::summary::plural(n, "file"),
                                crate::render::summary::plural(outcome.applied, "fix")
                            )?,
                        }
                    }
                }
                (Mode::Check, _) => report(&mut out, &session, &initial, Version::Original, format, &shown)?,
                (_, Format::Text) => {
                    let mut patch = Vec::new();
                    let paint = color && args.output.is_none();
                    for file in session.files.iter().filter(|f| f.is_changed()) {
                        diff::write_patch(
                            &mut patch,
                            &file.source.display,
                            &file.original_bytes(),
                            &file.doc.to_disk(),
                            paint,
                        )?;
                    }
                    // A patch longer than the screen goes through the pager, as `git diff` does;
                    // never when stdout is not a terminal.
                    let paged = args.output.is_none()
                        && std::io::stdout().is_terminal()
                        && terminal::page(&String::from_utf8_lossy(&patch), terminal::rows(&console::Term::stdout()));
                    if !paged {
                        out.write_all(&patch)?;
                    }
                    if !quiet {
                        let stderr = &mut crate::stdio::stderr();
                        report(stderr, &session, &initial, Version::Original, format, &shown)?;
                        writeln!(stderr, "{}", text::applied_summary(&counts, changed.len(), true))?;
                    }
                }
                _ => report(&mut out, &session, &initial, Version::Original, format, &shown)?,
            }
            if mode == Mode::Check {
                changed.len()
            } else {
                initial.len()
            }
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
                session.fix_all(threshold, &mut |s, d| {
                    log.record(s, d, if offered(s, d) { Decision::Yes } else { Decision::No })
                })
            } else {
                // Until the last answer, a signal restores the terminal and says nothing was written.
                let signals = terminal::Review::start();
                let mut reviewer = interactive::Reviewer::new(color, threshold, &offered);
                let outcome = session.fix_all(threshold, &mut |s, d| {
                    let decision = reviewer.decide(s, d);
                    log.record(s, d, decision)
                });
                drop(signals);
                if reviewer.interrupted {
                    let discarded = match reviewer.accepted {
                        0 => String::new(),
                        n => format!(" ({} accepted {} discarded)", n, if n == 1 { "fix" } else { "fixes" }),
                    };
                    writeln!(
                        crate::stdio::stderr(),
                        "{} nothing was written{discarded}",
                        style("interrupted:").yellow().bold()
                    )?;
                    return Ok(EXIT_INTERRUPTED);
                }
                outcome
            };
            // Exactly the files that would be written.
            dirty::refuse_uncommitted(&session, &dirty::changed_files(&session), allow).map_err(anyhow::Error::msg)?;
            let written = write_files(&session);
            session.errors.extend(written.skipped);
            let (remaining, baselined) = listed(&session);
            let counts = Counts {
                baselined,
                fixes_applied: log.written(&session, &written.written).min(outcome.applied),
                later_round_fixes: log.later_rounds(),
                ..Counts::of(&session, &remaining, unsafe_fixes)
            };
            if listing {
                let shown = Shown { counts: &counts, marks, statistics: stats, baseline: show_baseline };
                report(&mut out, &session, &remaining, Version::Current, format, &shown)?;
            }
            if format == Format::Text && !quiet {
                for line in log.file_lines(&session, &written.written) {
                    writeln!(out, "{line}")?;
                }
                writeln!(out, "{}", text::applied_summary(&counts, written.written.len(), false))?;
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
    } else if remaining > 0 && !args.exit_zero {
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
        for line in &report.file_lines {
            let _ = writeln!(crate::stdio::stderr(), "{line}");
        }
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

/// What a report shows besides the findings.
struct Shown<'a> {
    counts: &'a Counts,
    marks: Marks,
    /// `--statistics`: the table instead of the findings (text), or beside them (JSON).
    statistics: bool,
    /// The baseline in use and how many findings it hid.
    baseline: Option<(&'a str, usize)>,
}

/// Lists `diagnostics` as text lines (or the `--statistics` table), the JSON document, SARIF or
/// annotations.
fn report(
    out: &mut dyn Write,
    session: &Session,
    diagnostics: &[Diagnostic],
    version: Version,
    format: Format,
    shown: &Shown<'_>,
) -> Result<()> {
    let mut locator = Locator::new(session, version);
    match format {
        Format::Text if shown.statistics => {
            write!(out, "{}", statistics_table(&statistics(diagnostics), shown.baseline))?
        }
        Format::Text => text::write_listing(out, diagnostics, &mut locator, shown.marks)?,
        Format::Json => {
            let rows = shown.statistics.then(|| statistics(diagnostics));
            writeln!(out, "{}", json::render(diagnostics, &session.errors, shown.counts, rows, &mut locator))?;
        }
        Format::Sarif => writeln!(out, "{}", sarif::render(diagnostics, shown.counts, &mut locator))?,
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

/// Resolves the names, codes or analyzer IDs of `--select` or `--ignore` to transforms.
fn resolve_names(names: &[String], flag: &str) -> Result<Vec<&'static dyn Transform>> {
    let mut out: Vec<&'static dyn Transform> = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let found = crate::config::ids::transforms_for(name);
        // Ignoring a rule that no transform covers leaves nothing to leave out.
        if found.is_empty() && flag == "--ignore" && crate::config::ids::not_covered(name).is_some() {
            continue;
        }
        if found.is_empty() {
            bail!("{}", crate::config::ids::unknown(name, &format!("`{flag}`")));
        }
        for t in found {
            if !out.iter().any(|o| o.meta().name == t.meta().name) {
                out.push(t);
            }
        }
    }
    Ok(out)
}

/// `--explain`: the documentation of every transform an ID stands for.
fn explain(id: &str) -> Result<String> {
    let found = crate::config::ids::transforms_for(id);
    match found.as_slice() {
        [] => match crate::config::ids::not_covered(id) {
            Some(about) => Ok(format!("{id} ({about}) is an analyzer rule that asyncfix does not check.\n")),
            None => bail!("{}", crate::config::ids::unknown(id, "`--explain`")),
        },
        [one] => Ok(one.meta().documentation.to_owned()),
        many => {
            let names: Vec<&str> = many.iter().map(|t| t.meta().name).collect();
            let mut out = format!("{id} is covered by {} transforms: {}\n", many.len(), names.join(", "));
            for t in many {
                out.push('\n');
                out.push_str(t.meta().documentation);
            }
            Ok(out)
        }
    }
}

fn list_transforms() -> String {
    let mut out = String::new();
    for t in transforms::all() {
        let m = t.meta();
        let default = if m.default_enabled { "on by default" } else { "off by default" };
        let ids = crate::config::ids::analyzer_ids_of(m.name);
        let ids = if ids.is_empty() { String::new() } else { format!(" [{}]", ids.join(", ")) };
        out.push_str(&format!(
            "{:<6} {:<28} {:<12} {:<15} {}{ids}\n",
            m.code,
            m.name,
            m.fix.name(),
            default,
            m.summary
        ));
    }
    out
}
