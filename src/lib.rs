//! asyncfix: find the async/await pitfalls of C# code and fix them with previewed byte-range edits.
//!
//! The pipeline (see DESIGN.md): [`workspace`] discovers files and projects, [`source`] keeps their
//! bytes, [`syntax`] parses them, [`index`] builds the workspace model, [`check`] runs the
//! [`transforms`], [`fix`] plans, validates and writes, and [`render`] presents. [`run`] ties them
//! to the command line; [`config`] reads what the user configured and [`baseline`] what a team
//! accepted for now.

pub mod apply_plan;
pub mod baseline;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod index;
pub mod render;
pub mod run;
pub mod source;
pub mod syntax;
pub mod transforms;
pub mod workspace;
