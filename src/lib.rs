//! asyncfix: find the async/await pitfalls of C# code and fix them with previewed byte-range edits.
//!
//! This is the map of the layers. Data flows one way, each stage owning one concern:
//!
//! | stage | module | what it owns |
//! |---|---|---|
//! | discover | [`workspace`] | the walk, project files, project kinds and target frameworks |
//! | load | [`source`] | each file's bytes and encoding, so that it is written back byte for byte |
//! | parse | [`syntax`] | tree-sitter trees, error regions, helpers passes share |
//! | index | [`index`] | the workspace model as data (types, members, call sites, method groups) and the .NET knowledge base |
//! | semantic | [`semantic`] | the questions passes ask: what a call binds to, types, task kinds, who uses a method, where `await` may stand, which token is in scope, which delegate a lambda becomes, whether a resource disposes asynchronously |
//! | configure | [`config`] | `asyncfix.toml`, `.editorconfig`, analyzer IDs (Roslyn, Sonar, ReSharper), suppressions in the source (pragmas, `[SuppressMessage]`, ignore and ReSharper comments) |
//! | check | [`check`], [`transforms`] | one pass per transform, kind-indexed dispatch, diagnostics with fixes |
//! | plan | [`fix`] | edits, applicability, the planning loop (apply, re-check, repeat), validation, writing |
//! | filter | [`baseline`] | the findings a team accepted for now |
//! | present | [`render`] | text, JSON, SARIF and annotations, diffs, summaries, the interactive prompt |
//!
//! [`run`] ties them to the command line ([`cli`]); [`apply_plan`] applies a reviewed plan through
//! the same [`fix::Session`]. Everything printed goes through [`stdio`], which ends quietly when a
//! reader goes away.
//! A new transform is one file in `src/transforms/` plus its README and fixtures under
//! `transforms/<name>/` (the README's "Adding a transform" lists the steps).

pub mod apply_plan;
pub mod baseline;
pub mod check;
pub mod cli;
pub mod config;
pub use check::diagnostic;
pub mod fix;
pub mod index;
pub mod render;
pub mod run;
pub mod semantic;
pub mod source;
pub mod stdio;
pub mod syntax;
pub mod transforms;
pub mod workspace;
