//! Which .NET APIs accept a CancellationToken, from `transforms/knowledge/cancellation.txt` (its
//! header documents the line format).

use std::collections::HashMap;

use super::frameworks::Availability;

/// How a call passes the token to an API that takes one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPosition<'k> {
    /// Right after the call's arguments: positionally, or as `name: token` when the call already
    /// names an argument.
    Appended {
        /// The token parameter's name.
        name: &'k str,
    },
    /// Only as the named argument `name: token`.
    Named {
        /// The token parameter's name.
        name: &'k str,
    },
}

impl<'k> TokenPosition<'k> {
    /// The token parameter's name.
    pub fn name(&self) -> &'k str {
        match self {
            TokenPosition::Appended { name } | TokenPosition::Named { name } => name,
        }
    }
}

/// An API call that could take a token, as the knowledge base describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenOverload<'k> {
    /// Where the token goes.
    pub position: TokenPosition<'k>,
    /// The overload with the token returns another awaitable type: change only awaited calls.
    pub awaited_only: bool,
    /// For entries matched by method name alone: the namespace the file must import.
    pub requires_using: Option<&'k str>,
}

#[derive(Debug)]
struct Entry {
    args: Vec<usize>,
    token: (bool, String),
    availability: Availability,
    awaited_only: bool,
    requires_using: Option<String>,
}

/// The parsed `cancellation.txt`.
#[derive(Debug, Default)]
pub struct TokenApis {
    /// `(type or "*", method)` → entries.
    apis: HashMap<(String, String), Vec<Entry>>,
    bases: HashMap<String, Vec<String>>,
    properties: HashMap<(String, String), String>,
}

impl TokenApis {
    /// Parses the data; the problems name their line.
    pub fn parse(text: &str) -> (TokenApis, Vec<String>) {
        let mut apis = TokenApis::default();
        let mut problems = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Err(problem) = apis.add(line) {
                problems.push(format!("line {}: {problem}: {line}", i + 1));
            }
        }
        (apis, problems)
    }

    fn add(&mut self, line: &str) -> Result<(), &'static str> {
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            ["type", name, ":", base] => {
                self.bases.entry(name.to_string()).or_default().push(base.to_string());
                Ok(())
            }
            ["property", member, ":", ty] => {
                let (owner, name) = member.split_once('.').ok_or("expected TYPE.NAME")?;
                self.properties.insert((owner.to_owned(), name.to_owned()), ty.to_string());
                Ok(())
            }
            ["api", member, args, token, frameworks, flags @ ..] => {
                let (owner, method) = member.split_once('.').ok_or("expected TYPE.METHOD")?;
                let token = match token.split_once(':') {
                    Some(("append", name)) if !name.is_empty() => (true, name.to_owned()),
                    Some(("named", name)) if !name.is_empty() => (false, name.to_owned()),
                    _ => return Err("the token is `append:NAME` or `named:NAME`"),
                };
                let mut entry = Entry {
                    args: arg_counts(args).ok_or("the argument counts are `0`, `1-2` or `1,3`")?,
                    token,
                    availability: Availability::parse(frameworks).ok_or("unknown target framework")?,
                    awaited_only: false,
                    requires_using: None,
                };
                for flag in flags {
                    match flag.split_once('=') {
                        None if *flag == "awaited" => entry.awaited_only = true,
                        Some(("using", namespace)) if !namespace.is_empty() => {
                            entry.requires_using = Some(namespace.to_owned())
                        }
                        _ => return Err("unknown flag"),
                    }
                }
                if (owner == "*") != entry.requires_using.is_some() {
                    return Err("`*` entries, and only they, need `using=NAMESPACE`");
                }
                self.apis.entry((owner.to_owned(), method.to_owned())).or_default().push(entry);
                Ok(())
            }
            _ => Err("expected `api …`, `type … : …` or `property … : …`"),
        }
    }

    /// The type and the outside base types the data lists for it, nearest first.
    pub fn type_and_bases<'s>(&'s self, name: &'s str) -> Vec<&'s str> {
        let mut order = vec![name];
        let mut i = 0;
        while i < order.len() {
            for base in self.bases.get(order[i]).into_iter().flatten() {
                if !order.contains(&base.as_str()) {
                    order.push(base);
                }
            }
            i += 1;
        }
        order
    }

    /// The declared type of an outside property (`HttpResponseMessage.Content` → `HttpContent`),
    /// looked up on the type and its listed bases.
    pub fn property_type(&self, owner: &str, property: &str) -> Option<&str> {
        self.type_and_bases(owner)
            .into_iter()
            .find_map(|t| self.properties.get(&(t.to_owned(), property.to_owned())))
            .map(String::as_str)
    }

    /// Whether a call of `method` with `args` arguments (the token not counted) on a receiver of
    /// `receiver_type` (a simple type name; its listed bases are tried too) could take a token, on
    /// every one of `target_frameworks`. `None` as the receiver type asks for the entries that
    /// match by method name alone; their `requires_using` is for the caller to check.
    pub fn token_overload(
        &self,
        receiver_type: Option<&str>,
        method: &str,
        args: usize,
        target_frameworks: &[String],
    ) -> Option<TokenOverload<'_>> {
        let owners = match receiver_type {
            Some(t) => self.type_and_bases(t),
            None => vec!["*"],
        };
        owners
            .into_iter()
            .filter_map(|owner| self.apis.get(&(owner.to_owned(), method.to_owned())))
            .flatten()
            .find(|e| e.args.contains(&args))
            .filter(|e| e.availability.holds_for(target_frameworks))
            .map(|e| TokenOverload {
                position: if e.token.0 {
                    TokenPosition::Appended { name: &e.token.1 }
                } else {
                    TokenPosition::Named { name: &e.token.1 }
                },
                awaited_only: e.awaited_only,
                requires_using: e.requires_using.as_deref(),
            })
    }

    /// Whether any entry, for any type, is for a method of this name.
    pub fn knows_method(&self, method: &str) -> bool {
        self.apis.keys().any(|(_, m)| m == method)
    }
}

/// `0`, `1-3`, `1,3`.
fn arg_counts(text: &str) -> Option<Vec<usize>> {
    let mut counts = Vec::new();
    for part in text.split(',') {
        match part.split_once('-') {
            Some((low, high)) => {
                let (low, high): (usize, usize) = (low.parse().ok()?, high.parse().ok()?);
                if low > high {
                    return None;
                }
                counts.extend(low..=high);
            }
            None => counts.push(part.parse().ok()?),
        }
    }
    Some(counts)
}
