//! The year's compendium of innovations: a book of the year's innovations, as a PDF and as a
//! printable page of the public gallery (docs/documents.md, "Compendium").

use serde::{Deserialize, Serialize};

use super::Award;

/// Which innovations the book holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompendiumSelection {
    /// Every innovation that passed screening.
    #[default]
    Screened,
    /// The winners, the finalists and the nominees to the province.
    Awarded,
}

impl CompendiumSelection {
    pub const ALL: [CompendiumSelection; 2] =
        [CompendiumSelection::Screened, CompendiumSelection::Awarded];

    pub fn as_str(self) -> &'static str {
        match self {
            CompendiumSelection::Screened => "screened",
            CompendiumSelection::Awarded => "awarded",
        }
    }

    pub fn parse(s: &str) -> Option<CompendiumSelection> {
        CompendiumSelection::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// `/admin/kompendium`: what the organisers set for the current year's book.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompendiumSettings {
    pub year: i32,
    pub foreword: String,
    pub selection: CompendiumSelection,
    /// The results are locked: the book can be made (before, its awards are not final).
    pub locked: bool,
    /// The year is published: the book is in the public gallery.
    pub published: bool,
}

/// One innovation as the book prints it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompendiumEntry {
    /// Its number in the book, from 1.
    pub number: u32,
    pub proposal_id: String,
    pub title: String,
    pub agency_name: String,
    pub award: Option<Award>,
    pub nominated: bool,
    pub summary: String,
    pub problem: String,
    pub novelty: String,
    pub results: String,
    /// Who to ask: the agency's head, with the agency.
    pub contact: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompendiumCategory {
    /// Empty: innovations without a category.
    pub name: String,
    pub entries: Vec<CompendiumEntry>,
}

/// The book of one year, by category, with its index of agencies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Compendium {
    pub year: i32,
    pub competition_name: String,
    pub government: String,
    pub foreword: String,
    pub categories: Vec<CompendiumCategory>,
    /// Each agency and the numbers of its innovations in the book, by name.
    pub agencies: Vec<(String, Vec<u32>)>,
    /// Every year whose book is public, newest first (the page links the others).
    pub years: Vec<i32>,
}
