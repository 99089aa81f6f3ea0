//! What the user configured: `.editorconfig`, `asyncfix.toml` and suppressions in the source.

pub mod ids;
pub mod suppress;
