//! What the user configured: `.editorconfig`, `asyncfix.toml` and suppressions in the source.
//!
//! The settings of each file come from, in order of precedence: the command line, the nearest
//! `asyncfix.toml` above the file (or the one given with `--config`), and the `.editorconfig`
//! files that apply to it, whose severities turn transforms off (`none`), on (any other, also for
//! a transform that is off by default) and give the level a finding is reported at.
//!
//! A configuration file that cannot be read or understood is an error naming it once; the files
//! it would configure are not checked (what it says about them is unknown), and the rest of the
//! run goes on.

pub mod editorconfig;
pub mod file;
pub mod glob;
pub mod ids;
pub mod suppress;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;

use crate::check::Settings;
use crate::index::ExtraKnowledge;
use crate::transforms::{self, ConfigureAwaitMode, Transform};
use crate::workspace::Workspace;
use editorconfig::{EditorConfigs, Severity};
use file::ConfigFile;

pub use crate::check::Level;

/// The level of a transform's findings in a file with `settings`.
pub fn level_of(settings: &Settings, transform: &str) -> Level {
    settings.levels.get(transform).copied().unwrap_or_default()
}

/// What the command line says, before configuration files are read.
#[derive(Default)]
pub struct CliChoices {
    /// `--select` (empty: not given).
    pub select: Vec<&'static dyn Transform>,
    /// `--ignore`.
    pub ignore: Vec<&'static dyn Transform>,
    /// `--configure-await`, when given.
    pub configure_await: Option<ConfigureAwaitMode>,
    /// `--keep-public-api` (when not given, `public-api` of `asyncfix.toml` decides).
    pub keep_public_api: bool,
    /// `--change-public-api` (when not given, `public-api` of `asyncfix.toml` decides).
    pub change_public_api: bool,
    /// `--config`: this file applies to every path, no other is looked for.
    pub config: Option<PathBuf>,
}

/// The configuration of a run, file by file.
pub struct Resolved {
    /// Every transform that runs on at least one file, in registry order.
    pub transforms: Vec<&'static dyn Transform>,
    /// The settings of each source file, by its path as discovered.
    pub settings: HashMap<PathBuf, Arc<Settings>>,
    /// Knowledge-base lines of every configuration file in use.
    pub knowledge: ExtraKnowledge,
    /// Where the knowledge-base lines come from (for messages about them).
    pub knowledge_sources: Vec<PathBuf>,
    /// `unsafe-fixes` of the configuration that applies to the first path.
    pub unsafe_fixes: bool,
    /// `baseline` of the configuration that applies to the first path, relative to the current
    /// folder (or absolute).
    pub baseline: Option<PathBuf>,
    /// Configuration files that cannot be read or understood, by display path, with what is
    /// wrong and how many source files were therefore not checked: errors of the run.
    pub errors: Vec<(String, String)>,
    /// The source files (paths as discovered) that a broken configuration file would configure,
    /// with what it stops there: nothing is reported for those transforms, and no fix of theirs
    /// may edit the file.
    pub stopped: HashMap<PathBuf, Stop>,
}

/// What a broken configuration file stops in a file it would configure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Every transform (an `asyncfix.toml` or `.editorconfig` that cannot be read as a whole).
    All,
    /// The transforms of `.editorconfig` entries whose severity cannot be read.
    Transforms(BTreeSet<&'static str>),
}

impl Stop {
    /// Whether fixes and findings of the transform `name` are stopped.
    pub fn stops(&self, name: &str) -> bool {
        match self {
            Stop::All => true,
            Stop::Transforms(names) => names.contains(name),
        }
    }
}

/// The configuration found for a folder: none, a file, or a file that could not be read.
type Found = Option<Result<Arc<ConfigFile>, Arc<Broken>>>;

/// An `asyncfix.toml` that cannot be read or understood.
#[derive(Debug)]
struct Broken {
    path: PathBuf,
    message: String,
}

/// Finds and caches `asyncfix.toml` files by folder.
struct ConfigFiles {
    forced: Option<Arc<ConfigFile>>,
    by_dir: HashMap<PathBuf, Found>,
}

impl ConfigFiles {
    /// The configuration for something in `dir`: the forced one, or the nearest above.
    fn for_dir(&mut self, dir: &Path) -> Found {
        if let Some(forced) = &self.forced {
            return Some(Ok(forced.clone()));
        }
        let mut missed = Vec::new();
        let mut found = None;
        for d in dir.ancestors() {
            if let Some(cached) = self.by_dir.get(d) {
                found = cached.clone();
                break;
            }
            let candidate = d.join(file::FILE_NAME);
            if candidate.is_file() {
                found = Some(match ConfigFile::read(&candidate) {
                    Ok(config) => Ok(Arc::new(config)),
                    Err(e) => Err(Arc::new(Broken { path: candidate, message: format!("{e:#}") })),
                });
                self.by_dir.insert(d.to_path_buf(), found.clone());
                break;
            }
            missed.push(d.to_path_buf());
        }
        for d in missed {
            self.by_dir.insert(d, found.clone());
        }
        found
    }
}

/// Reads the configuration for every file of `ws`. `first_path` is the first path given (the
/// run-wide `unsafe-fixes` and `baseline` come from the configuration that applies to it). Fails
/// only on the file of `--config` (it configures every file); any other configuration file that
/// cannot be read or understood is in [`Resolved::errors`], and the files it configures in
/// [`Resolved::stopped`].
pub fn resolve(ws: &Workspace, cli: &CliChoices, first_path: &Path) -> Result<Resolved> {
    let forced = cli.config.as_deref().map(ConfigFile::load).transpose()?.map(Arc::new);
    let mut configs = ConfigFiles { forced, by_dir: HashMap::new() };
    let editorconfigs = EditorConfigs::default();
    let mut settings = HashMap::new();
    let mut used: BTreeSet<&'static str> = BTreeSet::new();
    let mut in_use: Vec<Arc<ConfigFile>> = Vec::new();
    let mut stopped = HashMap::new();
    // Broken configuration files, by path as found: the message, the files they stop.
    let mut broken: BTreeMap<PathBuf, (String, usize)> = BTreeMap::new();
    // `.editorconfig` files with unknown severities: the transforms they stop.
    let mut stopping: BTreeMap<PathBuf, BTreeSet<&'static str>> = BTreeMap::new();
    let note_use = |c: &Option<Arc<ConfigFile>>, in_use: &mut Vec<Arc<ConfigFile>>| {
        if let Some(c) = c {
            if !in_use.iter().any(|u| Arc::ptr_eq(u, c)) {
                in_use.push(c.clone());
            }
        }
    };
    let defaults: Vec<&'static dyn Transform> =
        transforms::all().iter().copied().filter(|t| t.meta().default_enabled).collect();
    let all_names: BTreeSet<&'static str> = transforms::all().iter().map(|t| t.meta().name).collect();

    for source in &ws.files {
        let path = absolute(&source.path);
        let dir = path.parent().unwrap_or(Path::new("/"));
        let config = match configs.for_dir(dir) {
            Some(Err(b)) => {
                broken.entry(b.path.clone()).or_insert_with(|| (b.message.clone(), 0)).1 += 1;
                stop(source.path.clone(), &mut settings, &mut stopped, &all_names);
                continue;
            }
            Some(Ok(c)) => Some(c),
            None => None,
        };
        let properties = match editorconfigs.properties(&path) {
            Ok(properties) => properties,
            Err(at) => {
                broken.entry(at).or_insert_with(|| (String::new(), 0)).1 += 1;
                stop(source.path.clone(), &mut settings, &mut stopped, &all_names);
                continue;
            }
        };
        note_use(&config, &mut in_use);
        let project = &ws.projects[source.project];
        let severities = editorconfig::severities(&properties, project.kind);

        let named = |names: &[String]| -> Vec<&'static str> {
            names.iter().flat_map(|n| ids::transforms_for(n)).map(|t| t.meta().name).collect()
        };
        let mut enabled: BTreeSet<&'static str> = if !cli.select.is_empty() {
            cli.select.iter().map(|t| t.meta().name).collect()
        } else if let Some(select) = config.as_ref().and_then(|c| c.select.as_ref()) {
            named(select).into_iter().collect()
        } else {
            defaults.iter().map(|t| t.meta().name).collect()
        };
        // A severity turns a transform on, unless --select said exactly which to run.
        if cli.select.is_empty() {
            enabled.extend(severities.iter().filter(|(_, s)| matches!(s, Severity::On(_))).map(|(n, _)| *n));
        }
        for t in &cli.ignore {
            enabled.remove(t.meta().name);
        }
        // An explicit --select is what the user asked for now: the file's `ignore` does not
        // take it back.
        if cli.select.is_empty() {
            for name in config.iter().flat_map(|c| named(&c.ignore)) {
                enabled.remove(name);
            }
        }
        for (name, _) in severities.iter().filter(|(_, s)| **s == Severity::Off) {
            enabled.remove(name);
        }
        let unknown: BTreeSet<&'static str> = severities
            .iter()
            .filter(|(name, s)| **s == Severity::Unknown && enabled.contains(*name))
            .map(|(n, _)| *n)
            .collect();
        if !unknown.is_empty() {
            for at in editorconfigs.unknown_severity_sources(&path) {
                broken.entry(at.clone()).or_insert_with(|| (String::new(), 0)).1 += 1;
                stopping.entry(at).or_default().extend(unknown.iter().copied());
            }
            for name in &unknown {
                enabled.remove(name);
            }
            stopped.insert(source.path.clone(), Stop::Transforms(unknown));
        }
        used.extend(enabled.iter().copied());
        let disabled = all_names.iter().copied().filter(|name| !enabled.contains(name)).collect();
        let levels = severities
            .iter()
            .filter_map(|(name, s)| match s {
                Severity::On(level) => Some((*name, *level)),
                Severity::Off | Severity::Unknown => None,
            })
            .collect();

        let configure_await = cli
            .configure_await
            .or_else(|| config.as_ref().and_then(|c| c.configure_await_for(&path)))
            .unwrap_or_default();
        let file_settings = Settings {
            configure_await,
            async_suffix: config.as_ref().and_then(|c| c.async_suffix).unwrap_or(true),
            keep_public_api: cli.keep_public_api
                || (!cli.change_public_api && config.as_ref().and_then(|c| c.keep_public_api) == Some(true)),
            change_public_api: cli.change_public_api
                || (!cli.keep_public_api && config.as_ref().and_then(|c| c.keep_public_api) == Some(false)),
            disabled,
            levels,
        };
        settings.insert(source.path.clone(), Arc::new(file_settings));
    }

    let first = absolute(first_path);
    let first_dir = if first.is_dir() { first.as_path() } else { first.parent().unwrap_or(Path::new("/")) };
    let run_config = match configs.for_dir(first_dir) {
        Some(Ok(c)) => Some(c),
        Some(Err(b)) => {
            broken.entry(b.path.clone()).or_insert_with(|| (b.message.clone(), 0));
            None
        }
        None => None,
    };
    note_use(&run_config, &mut in_use);
    let unsafe_fixes = run_config.as_ref().and_then(|c| c.unsafe_fixes).unwrap_or(false);
    let baseline = run_config.as_ref().and_then(|c| c.baseline.clone());

    in_use.sort_by(|a, b| a.path.cmp(&b.path));
    let mut knowledge = ExtraKnowledge::default();
    for c in &in_use {
        for (all, extra) in [
            (&mut knowledge.async_twins, &c.knowledge.async_twins),
            (&mut knowledge.cancellation, &c.knowledge.cancellation),
            (&mut knowledge.non_concurrent_types, &c.knowledge.non_concurrent_types),
            (&mut knowledge.command_verbs, &c.knowledge.command_verbs),
            (&mut knowledge.types, &c.knowledge.types),
        ] {
            if !extra.is_empty() {
                all.push_str(extra);
                all.push('\n');
            }
        }
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let editorconfig_problems = editorconfigs.broken();
    let errors = broken
        .into_iter()
        .map(|(path, (message, files))| {
            let message = match editorconfig_problems.get(&path) {
                Some(problem) => problem.clone(),
                None => message,
            };
            let consequence = match (files, stopping.get(&path)) {
                (0, _) => String::new(),
                (n, Some(names)) => {
                    let names: Vec<&str> = names.iter().copied().collect();
                    let files = if n == 1 { "the 1 file".to_owned() } else { format!("the {n} files") };
                    format!(
                        "{} not checked in {files} it configures: ",
                        names.join(", ") + if names.len() == 1 { " was" } else { " were" }
                    )
                }
                (1, None) => "the 1 file it configures was not checked: ".to_owned(),
                (n, None) => format!("the {n} files it configures were not checked: "),
            };
            (crate::workspace::display_path(&path, &cwd), format!("{consequence}{message}"))
        })
        .collect();
    Ok(Resolved {
        transforms: transforms::all().iter().copied().filter(|t| used.contains(t.meta().name)).collect(),
        settings,
        knowledge,
        knowledge_sources: in_use
            .iter()
            .filter(|c| {
                let k = &c.knowledge;
                !(k.async_twins.is_empty()
                    && k.cancellation.is_empty()
                    && k.non_concurrent_types.is_empty()
                    && k.command_verbs.is_empty()
                    && k.types.is_empty())
            })
            .map(|c| c.path.clone())
            .collect(),
        unsafe_fixes,
        baseline,
        errors,
        stopped,
    })
}

/// Settings for a file a broken configuration file would configure: every transform off, and
/// the file remembered so that no fix edits it.
fn stop(
    path: PathBuf,
    settings: &mut HashMap<PathBuf, Arc<Settings>>,
    stopped: &mut HashMap<PathBuf, Stop>,
    all: &BTreeSet<&'static str>,
) {
    let off = Settings { disabled: all.clone(), ..Settings::default() };
    settings.insert(path.clone(), Arc::new(off));
    stopped.insert(path, Stop::All);
}

/// `path` made absolute, with `.` and `..` resolved by their names (symbolic links are not
/// followed: a configuration applies by where a file is named, as editors see it).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
