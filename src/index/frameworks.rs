//! Target framework monikers (`net472`, `netstandard2.0`, `net8.0-windows`) and the rule that
//! decides whether an API exists for a project: on every framework it targets.

use std::cmp::Ordering;

/// The three lines of .NET that target framework monikers name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameworkFamily {
    /// .NET Framework: `net45`, `net472`, `net48`.
    Framework,
    /// .NET Core and .NET 5 and later: `netcoreapp3.1`, `net5.0`, `net8.0-windows`.
    Core,
    /// .NET Standard: `netstandard2.0`.
    Standard,
}

/// A target framework: its family and version (`net8.0` is `Core` 8.0, `net472` is `Framework`
/// 4.7.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Framework {
    /// Which line of .NET.
    pub family: FrameworkFamily,
    /// Major, minor, patch.
    pub version: [u32; 3],
}

impl Framework {
    /// Reads a target framework moniker; `None` for anything else (`uap10.0`, `monoandroid`,
    /// `$(Frameworks)`, a typo): such a target counts as unknown.
    pub fn parse(moniker: &str) -> Option<Framework> {
        let moniker = moniker.trim().to_ascii_lowercase();
        // `net8.0-windows10.0.19041`: the platform does not change which base APIs exist.
        let moniker = moniker.split('-').next().unwrap_or("");
        let (family, rest) = if let Some(rest) = moniker.strip_prefix("netstandard") {
            (FrameworkFamily::Standard, rest)
        } else if let Some(rest) = moniker.strip_prefix("netcoreapp") {
            (FrameworkFamily::Core, rest)
        } else if let Some(rest) = moniker.strip_prefix("net") {
            let first = rest.chars().next()?;
            // `net5.0` and later carry a dot; `net45`, `net472` and `net48` do not. A bare
            // `net5`/`net6` is read as .NET 5/6.
            if rest.contains('.') {
                let version = dotted_version(rest)?;
                let family = if version[0] >= 5 { FrameworkFamily::Core } else { FrameworkFamily::Framework };
                return Some(Framework { family, version });
            } else if ('5'..='9').contains(&first) && rest.len() == 1 {
                (FrameworkFamily::Core, rest)
            } else {
                return Some(Framework { family: FrameworkFamily::Framework, version: digits_version(rest)? });
            }
        } else {
            return None;
        };
        Some(Framework { family, version: dotted_version(rest)? })
    }

    /// Whether an API that exists from `minimum` on exists on this framework.
    pub fn at_least(&self, minimum: &Framework) -> bool {
        self.family == minimum.family && self.version.cmp(&minimum.version) != Ordering::Less
    }
}

/// `4.7.2`, `2.0`, `8`.
fn dotted_version(text: &str) -> Option<[u32; 3]> {
    let mut version = [0; 3];
    let mut parts = text.split('.');
    for slot in &mut version {
        match parts.next() {
            Some(p) => *slot = p.parse().ok()?,
            None => break,
        }
    }
    if parts.next().is_some() || text.is_empty() {
        return None;
    }
    Some(version)
}

/// `472` → 4.7.2, `45` → 4.5, `403` → 4.0.3: one digit per component.
fn digits_version(text: &str) -> Option<[u32; 3]> {
    if text.is_empty() || text.len() > 3 || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut version = [0; 3];
    for (slot, c) in version.iter_mut().zip(text.chars()) {
        *slot = c.to_digit(10)?;
    }
    Some(version)
}

/// Where an API (an overload, an optional parameter) exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Availability {
    /// Wherever the method called exists: the overload shipped together with it, so code that
    /// compiles has it, whatever the targets.
    WithTheMethod,
    /// From these versions on, one per family listed; families not listed do not have it.
    Since(Vec<Framework>),
}

impl Availability {
    /// `all`, or comma-separated monikers of the first versions that have it
    /// (`netcoreapp3.0,netstandard2.1`). `None` when a moniker does not parse.
    pub fn parse(text: &str) -> Option<Availability> {
        if text == "all" {
            return Some(Availability::WithTheMethod);
        }
        text.split(',').map(Framework::parse).collect::<Option<Vec<_>>>().map(Availability::Since)
    }

    /// Whether a project with these target frameworks has the API on every one of them. A
    /// project whose targets are unknown (none declared, or one that does not parse) only has
    /// what ships with the method itself.
    pub fn holds_for(&self, target_frameworks: &[String]) -> bool {
        match self {
            Availability::WithTheMethod => true,
            Availability::Since(minimums) => {
                !target_frameworks.is_empty()
                    && target_frameworks.iter().all(|tfm| {
                        Framework::parse(tfm).is_some_and(|target| minimums.iter().any(|m| target.at_least(m)))
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw(text: &str) -> Framework {
        Framework::parse(text).unwrap_or_else(|| panic!("{text} does not parse"))
    }

    #[test]
    fn monikers_of_every_family() {
        assert_eq!(fw("net472"), Framework { family: FrameworkFamily::Framework, version: [4, 7, 2] });
        assert_eq!(fw("net45"), Framework { family: FrameworkFamily::Framework, version: [4, 5, 0] });
        assert_eq!(fw("net8.0"), Framework { family: FrameworkFamily::Core, version: [8, 0, 0] });
        assert_eq!(fw("net10.0"), Framework { family: FrameworkFamily::Core, version: [10, 0, 0] });
        assert_eq!(fw("net6.0-windows10.0.19041"), Framework { family: FrameworkFamily::Core, version: [6, 0, 0] });
        assert_eq!(fw("netcoreapp3.1"), Framework { family: FrameworkFamily::Core, version: [3, 1, 0] });
        assert_eq!(fw("NetStandard2.0"), Framework { family: FrameworkFamily::Standard, version: [2, 0, 0] });
        assert_eq!(fw("net5"), Framework { family: FrameworkFamily::Core, version: [5, 0, 0] });
        for unknown in ["uap10.0", "monoandroid90", "$(TargetFrameworks)", "net", "netstandard", ""] {
            assert_eq!(Framework::parse(unknown), None, "{unknown}");
        }
    }

    fn holds(availability: &str, targets: &[&str]) -> bool {
        let targets: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
        Availability::parse(availability).unwrap().holds_for(&targets)
    }

    #[test]
    fn net5_apis_need_every_target_to_be_net5_or_later() {
        assert!(holds("net5.0", &["net8.0"]));
        assert!(holds("net5.0", &["net6.0", "net8.0-windows"]));
        assert!(!holds("net5.0", &["netcoreapp3.1"]));
        assert!(!holds("net5.0", &["netstandard2.0", "net8.0"]), "one target without it is enough to say no");
        assert!(!holds("net5.0", &["net48"]));
    }

    #[test]
    fn apis_listed_per_family() {
        let core3_std21 = "netcoreapp3.0,netstandard2.1";
        assert!(holds(core3_std21, &["netstandard2.1", "net8.0"]));
        assert!(!holds(core3_std21, &["netstandard2.0"]));
        assert!(!holds(core3_std21, &["net472"]), "a family that is not listed does not have it");
        assert!(holds("net45,netcoreapp1.0,netstandard1.1", &["net462", "netstandard2.0"]));
    }

    #[test]
    fn unknown_targets_only_have_what_ships_with_the_method() {
        assert!(!holds("net5.0", &[]));
        assert!(!holds("net5.0", &["net8.0", "$(ExtraTarget)"]));
        assert!(holds("all", &[]));
        assert!(holds("all", &["uap10.0"]));
    }
}
