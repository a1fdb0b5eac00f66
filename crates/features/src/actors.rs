//! The actors a lexicon names (`[[actor]]`): whose naming the report
//! profiles. A leaf, so the lexicon parser and the label finder share it.

use std::collections::BTreeMap;

use serde::Serialize;

/// An actor whose labels are profiled: a name and the other names that
/// refer to it (`NATO`, `Nato`, `Nordatlantikpakt`). Aliases should be
/// names, not descriptions, or the description cannot be a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// Name shown to readers and in data files.
    pub name: String,
    /// Every surface that refers to the actor, the name first; matched
    /// case-sensitively as a whole token or a hyphenated compound's part.
    pub aliases: Vec<String>,
    /// 1-based line in the lexicon file.
    #[serde(skip)]
    pub line: usize,
}

/// Checks the `[[actor]]` tables given as (line, name, aliases): a name
/// with letters, aliases of one word each, no surface claimed twice. The
/// name is put first among the aliases. Errors are (line, message).
pub fn check_actors(raw: Vec<(usize, String, Vec<String>)>) -> Result<Vec<Actor>, (usize, String)> {
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    let mut actors = Vec::with_capacity(raw.len());
    for (line, name, aliases) in raw {
        let name = name.trim().to_owned();
        if !name.chars().any(char::is_alphabetic) {
            return Err((line, format!("actor name `{name}` needs letters")));
        }
        let mut surfaces = vec![name.clone()];
        for alias in aliases {
            let alias = alias.trim().to_owned();
            if alias.is_empty() || alias.contains(char::is_whitespace) {
                return Err((
                    line,
                    format!("actor `{name}`: alias `{alias}` must be one word"),
                ));
            }
            if !surfaces.contains(&alias) {
                surfaces.push(alias);
            }
        }
        for surface in &surfaces {
            if let Some(other) = owner.insert(surface.clone(), name.clone()) {
                return Err((
                    line,
                    format!("actor `{name}`: `{surface}` is already a name of actor `{other}`"),
                ));
            }
        }
        actors.push(Actor {
            name,
            aliases: surfaces,
            line,
        });
    }
    Ok(actors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_first_and_surfaces_are_claimed_once() {
        let actors = check_actors(vec![(
            3,
            "NATO".into(),
            vec!["Nato".into(), "NATO".into(), "Allianz".into()],
        )])
        .unwrap();
        assert_eq!(actors[0].aliases, ["NATO", "Nato", "Allianz"]);
        assert_eq!(actors[0].line, 3);
        let twice = check_actors(vec![
            (3, "NATO".into(), vec![]),
            (7, "Bündnis".into(), vec!["NATO".into()]),
        ]);
        assert_eq!(
            twice.unwrap_err(),
            (
                7,
                "actor `Bündnis`: `NATO` is already a name of actor `NATO`".to_owned()
            )
        );
        let phrase = check_actors(vec![(2, "USA".into(), vec!["Vereinigte Staaten".into()])]);
        assert_eq!(
            phrase.unwrap_err().1,
            "actor `USA`: alias `Vereinigte Staaten` must be one word"
        );
    }
}
