//! `asyncfix.toml`: the project's own settings, found by walking up from each path.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use clap::ValueEnum;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::glob::Glob;
use crate::index::ExtraKnowledge;
use crate::transforms::ConfigureAwaitMode;

/// The file name looked for.
pub const FILE_NAME: &str = "asyncfix.toml";

/// The keys of `asyncfix.toml`, as written. Unknown keys are an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    unsafe_fixes: Option<bool>,
    configure_await: Option<String>,
    #[serde(default, deserialize_with = "ordered_map")]
    configure_await_paths: Vec<(String, String)>,
    async_suffix: Option<bool>,
    public_api: Option<String>,
    baseline: Option<String>,
    #[serde(default)]
    knowledge: RawKnowledge,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawKnowledge {
    #[serde(default)]
    async_twins: Vec<String>,
    #[serde(default)]
    cancellation: Vec<String>,
    #[serde(default)]
    non_concurrent_types: Vec<String>,
    #[serde(default)]
    command_verbs: Vec<String>,
    #[serde(default)]
    types: Vec<String>,
}

/// A table whose entries keep the order they are written in (later entries win).
fn ordered_map<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<(String, String)>, D::Error> {
    struct Ordered;
    impl<'de> Visitor<'de> for Ordered {
        type Value = Vec<(String, String)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a table of glob = mode")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(entry) = map.next_entry::<String, String>()? {
                out.push(entry);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Ordered)
}

/// A loaded `asyncfix.toml`.
#[derive(Debug)]
pub struct ConfigFile {
    /// Where it was read.
    pub path: PathBuf,
    /// Its folder: per-path globs are relative to it.
    pub dir: PathBuf,
    /// `select`: names or codes (checked against the registry).
    pub select: Option<Vec<String>>,
    /// `ignore`.
    pub ignore: Vec<String>,
    /// `unsafe-fixes`.
    pub unsafe_fixes: Option<bool>,
    /// `configure-await`.
    pub configure_await: Option<ConfigureAwaitMode>,
    /// `[configure-await-paths]`: glob (relative to `dir`) → mode, in file order.
    pub configure_await_paths: Vec<(Glob, ConfigureAwaitMode)>,
    /// `async-suffix`.
    pub async_suffix: Option<bool>,
    /// `public-api = "keep"` (true) or `"change"` (false).
    pub keep_public_api: Option<bool>,
    /// `baseline`: the baseline file, resolved against `dir`.
    pub baseline: Option<PathBuf>,
    /// `[knowledge]`.
    pub knowledge: ExtraKnowledge,
}

impl ConfigFile {
    /// Reads and checks the file at `path`. Errors name the file (and the key).
    pub fn load(path: &Path) -> Result<ConfigFile> {
        let shown = crate::workspace::display_path(path, &std::env::current_dir().unwrap_or_default());
        Self::read(path).with_context(|| format!("in {shown}"))
    }

    /// Reads and checks the file at `path`. Errors name the key, not the file.
    pub fn read(path: &Path) -> Result<ConfigFile> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow!("cannot be read: {}", crate::workspace::io_message(&e)))?;
        Self::parse(path, &text)
    }

    fn parse(path: &Path, text: &str) -> Result<ConfigFile> {
        let raw: Raw = toml::from_str(text).map_err(|e| anyhow!("{}", e.to_string().trim_end()))?;
        for (key, names) in [("select", &raw.select), ("ignore", &raw.ignore)] {
            for name in names.iter().flatten() {
                let nothing_to_ignore = key == "ignore" && super::ids::not_covered(name).is_some();
                if super::ids::transforms_for(name).is_empty() && !nothing_to_ignore {
                    bail!("{}", super::ids::unknown(name, &format!("`{key}`")));
                }
            }
        }
        let mode = |key: &str, value: &str| {
            ConfigureAwaitMode::from_str(value, true)
                .map_err(|_| anyhow!("`{key}`: unknown mode `{value}`; expected auto, always or never"))
        };
        let keep_public_api = match raw.public_api.as_deref() {
            None => None,
            Some("keep") => Some(true),
            Some("change") => Some(false),
            Some(other) => bail!("`public-api`: unknown value `{other}`; expected keep or change"),
        };
        let join = |lines: &[String]| lines.join("\n");
        let absolute = super::absolute(path);
        let dir = absolute.parent().map(Path::to_path_buf).unwrap_or_default();
        let knowledge = ExtraKnowledge {
            async_twins: join(&raw.knowledge.async_twins),
            cancellation: join(&raw.knowledge.cancellation),
            non_concurrent_types: join(&raw.knowledge.non_concurrent_types),
            command_verbs: join(&raw.knowledge.command_verbs),
            types: join(&raw.knowledge.types),
        };
        let baseline = raw.baseline.as_deref().map(|b| dir.join(b));
        let (_, problems) = crate::index::Knowledge::with_extra(&knowledge);
        if !problems.is_empty() {
            bail!("in [knowledge]: {}", problems.join("; "));
        }
        Ok(ConfigFile {
            path: path.to_path_buf(),
            dir,
            select: raw.select,
            ignore: raw.ignore.unwrap_or_default(),
            unsafe_fixes: raw.unsafe_fixes,
            configure_await: raw.configure_await.as_deref().map(|v| mode("configure-await", v)).transpose()?,
            configure_await_paths: raw
                .configure_await_paths
                .iter()
                .map(|(glob, value)| Ok((Glob::new(glob), mode(&format!("configure-await-paths.\"{glob}\""), value)?)))
                .collect::<Result<_>>()?,
            async_suffix: raw.async_suffix,
            keep_public_api,
            baseline,
            knowledge,
        })
    }

    /// The configure-await mode for a file at `path` (absolute): the last matching glob of
    /// `[configure-await-paths]`, else `configure-await`.
    pub fn configure_await_for(&self, path: &Path) -> Option<ConfigureAwaitMode> {
        let relative = path.strip_prefix(&self.dir).ok().map(|r| r.to_string_lossy().replace('\\', "/"));
        let by_path = relative.and_then(|r| {
            self.configure_await_paths.iter().rev().find(|(glob, _)| glob.is_match(&r)).map(|(_, mode)| *mode)
        });
        by_path.or(self.configure_await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile> {
        ConfigFile::parse(Path::new("/repo/asyncfix.toml"), text)
    }

    #[test]
    fn every_key_parses() {
        let config = parse(
            r#"
select = ["AF001", "async-void"]
ignore = ["blocking-call"]
unsafe-fixes = true
configure-await = "always"
async-suffix = false
public-api = "keep"

[configure-await-paths]
"tests/**" = "never"
"tests/Lib/**" = "auto"

[knowledge]
async-twins = ["twin Legacy.Fetch FetchAsync"]
cancellation = ["api Legacy.FetchAsync 0 append:cancellationToken all"]
non-concurrent-types = ["Session database"]
command-verbs = ["Enqueue"]
"#,
        )
        .unwrap();
        assert_eq!(config.select.as_deref(), Some(&["AF001".to_owned(), "async-void".to_owned()][..]));
        assert_eq!(config.keep_public_api, Some(true));
        assert_eq!(config.async_suffix, Some(false));
        let at = |p: &str| config.configure_await_for(Path::new(p));
        assert_eq!(at("/repo/src/A.cs"), Some(ConfigureAwaitMode::Always));
        assert_eq!(at("/repo/tests/A.cs"), Some(ConfigureAwaitMode::Never));
        assert_eq!(at("/repo/tests/Lib/A.cs"), Some(ConfigureAwaitMode::Auto), "the last matching glob wins");
        assert_eq!(config.knowledge.command_verbs, "Enqueue");
    }

    #[test]
    fn unknown_keys_are_errors_naming_the_key() {
        let err = parse("selct = [\"AF001\"]\n").unwrap_err().to_string();
        assert!(err.contains("selct"), "{err}");
        let err = parse("[knowledge]\ntwins = []\n").unwrap_err().to_string();
        assert!(err.contains("twins"), "{err}");
    }

    #[test]
    fn unknown_values_are_errors() {
        assert!(parse("select = [\"no-such-thing\"]").unwrap_err().to_string().contains("no-such-thing"));
        assert!(parse("configure-await = \"sometimes\"").unwrap_err().to_string().contains("sometimes"));
        assert!(parse("public-api = \"maybe\"").unwrap_err().to_string().contains("maybe"));
    }
}
