//! What the user configured: `.editorconfig`, `asyncfix.toml` and suppressions in the source.
//!
//! The settings of each file come from, in order of precedence: the command line, the nearest
//! `asyncfix.toml` above the file (or the one given with `--config`), and the `.editorconfig`
//! files that apply to it, which can only turn transforms off.

pub mod editorconfig;
pub mod file;
pub mod glob;
pub mod ids;
pub mod suppress;

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;

use crate::check::Settings;
use crate::index::ExtraKnowledge;
use crate::transforms::{self, ConfigureAwaitMode, Transform};
use crate::workspace::Workspace;
use editorconfig::EditorConfigs;
use file::ConfigFile;

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
    /// Problems that do not stop the run (an unreadable `.editorconfig`), by path.
    pub notes: Vec<(String, String)>,
}

/// Finds and caches `asyncfix.toml` files by folder.
struct ConfigFiles {
    forced: Option<Arc<ConfigFile>>,
    by_dir: HashMap<PathBuf, Option<Arc<ConfigFile>>>,
}

impl ConfigFiles {
    /// The configuration for something in `dir`: the forced one, or the nearest above.
    fn for_dir(&mut self, dir: &Path) -> Result<Option<Arc<ConfigFile>>> {
        if let Some(forced) = &self.forced {
            return Ok(Some(forced.clone()));
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
                found = Some(Arc::new(ConfigFile::load(&candidate)?));
                self.by_dir.insert(d.to_path_buf(), found.clone());
                break;
            }
            missed.push(d.to_path_buf());
        }
        for d in missed {
            self.by_dir.insert(d, found.clone());
        }
        Ok(found)
    }
}

/// Reads the configuration for every file of `ws`. `first_path` is the first path given (the
/// run-wide `unsafe-fixes` comes from the configuration that applies to it). Fails on a
/// configuration file that cannot be read or has an unknown key, naming it.
pub fn resolve(ws: &Workspace, cli: &CliChoices, first_path: &Path) -> Result<Resolved> {
    let forced = cli.config.as_deref().map(ConfigFile::load).transpose()?.map(Arc::new);
    let mut configs = ConfigFiles { forced, by_dir: HashMap::new() };
    let editorconfigs = EditorConfigs::default();
    let mut settings = HashMap::new();
    let mut used: BTreeSet<&'static str> = BTreeSet::new();
    let mut in_use: Vec<Arc<ConfigFile>> = Vec::new();
    let note_use = |c: &Option<Arc<ConfigFile>>, in_use: &mut Vec<Arc<ConfigFile>>| {
        if let Some(c) = c {
            if !in_use.iter().any(|u| Arc::ptr_eq(u, c)) {
                in_use.push(c.clone());
            }
        }
    };
    let defaults: Vec<&'static dyn Transform> =
        transforms::all().iter().copied().filter(|t| t.meta().default_enabled).collect();

    for source in &ws.files {
        let path = absolute(&source.path);
        let dir = path.parent().unwrap_or(Path::new("/"));
        let config = configs.for_dir(dir)?;
        note_use(&config, &mut in_use);
        let project = &ws.projects[source.project];

        let mut enabled: BTreeSet<&'static str> = if !cli.select.is_empty() {
            cli.select.iter().map(|t| t.meta().name).collect()
        } else if let Some(select) = config.as_ref().and_then(|c| c.select.as_ref()) {
            select.iter().filter_map(|n| transforms::find(n)).map(|t| t.meta().name).collect()
        } else {
            defaults.iter().map(|t| t.meta().name).collect()
        };
        for t in &cli.ignore {
            enabled.remove(t.meta().name);
        }
        // An explicit --select is what the user asked for now: the file's `ignore` does not
        // take it back.
        for name in config.iter().filter(|_| cli.select.is_empty()).flat_map(|c| c.ignore.iter()) {
            if let Some(t) = transforms::find(name) {
                enabled.remove(t.meta().name);
            }
        }
        let properties = editorconfigs.properties(&path);
        for name in editorconfig::disabled_transforms(&properties, project.kind) {
            enabled.remove(name);
        }
        used.extend(enabled.iter().copied());
        let disabled = transforms::all().iter().map(|t| t.meta().name).filter(|name| !enabled.contains(name)).collect();

        let configure_await = cli
            .configure_await
            .or_else(|| config.as_ref().and_then(|c| c.configure_await_for(&path)))
            .unwrap_or_default();
        let file_settings = Settings {
            configure_await,
            async_suffix: config.as_ref().and_then(|c| c.async_suffix).unwrap_or(true),
            keep_public_api: cli.keep_public_api || config.as_ref().and_then(|c| c.keep_public_api).unwrap_or(false),
            disabled,
        };
        settings.insert(source.path.clone(), Arc::new(file_settings));
    }

    let first = absolute(first_path);
    let first_dir = if first.is_dir() { first.as_path() } else { first.parent().unwrap_or(Path::new("/")) };
    let run_config = configs.for_dir(first_dir)?;
    note_use(&run_config, &mut in_use);
    let unsafe_fixes = run_config.as_ref().and_then(|c| c.unsafe_fixes).unwrap_or(false);

    in_use.sort_by(|a, b| a.path.cmp(&b.path));
    let mut knowledge = ExtraKnowledge::default();
    for c in &in_use {
        for (all, extra) in [
            (&mut knowledge.async_twins, &c.knowledge.async_twins),
            (&mut knowledge.cancellation, &c.knowledge.cancellation),
            (&mut knowledge.non_concurrent_types, &c.knowledge.non_concurrent_types),
            (&mut knowledge.command_verbs, &c.knowledge.command_verbs),
        ] {
            if !extra.is_empty() {
                all.push_str(extra);
                all.push('\n');
            }
        }
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let notes = editorconfigs
        .problems
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|(p, m)| (crate::workspace::display_path(&p, &cwd), format!("not read: {m}")))
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
                    && k.command_verbs.is_empty())
            })
            .map(|c| c.path.clone())
            .collect(),
        unsafe_fixes,
        notes,
    })
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
