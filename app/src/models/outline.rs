//! The proposal outline the next level of the competition asks for: where each answer of a
//! regency's own form goes in a nomination dossier (docs/documents.md, "Nomination dossier").

use serde::{Deserialize, Serialize};

/// A section of the proposal outline of the national competition (KIPP), the first level a
/// regency's best innovation is sent on to. The organisers tag each question of their own form
/// with the section its answer belongs to; the dossier lays the proposal out in this order.
///
/// The aspects and order of the KIPP 2023 proposal, "Kelompok Umum" (KemenPANRB, *Penulisan
/// Proposal pada Kompetisi Inovasi Pelayanan Publik Tahun 2023*). Stored by `as_str`: a new
/// outline is a new variant, never a renamed one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KippSection {
    /// Ringkasan.
    Summary,
    /// Latar belakang dan tujuan.
    Background,
    /// Kebaruan / nilai tambah.
    Novelty,
    /// Implementasi inovasi.
    Implementation,
    /// Signifikansi.
    Significance,
    /// Adaptabilitas.
    Adaptability,
    /// Sumber daya.
    Resources,
    /// Strategi keberlanjutan.
    Sustainability,
}

impl KippSection {
    pub const ALL: [KippSection; 8] = [
        KippSection::Summary,
        KippSection::Background,
        KippSection::Novelty,
        KippSection::Implementation,
        KippSection::Significance,
        KippSection::Adaptability,
        KippSection::Resources,
        KippSection::Sustainability,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            KippSection::Summary => "summary",
            KippSection::Background => "background",
            KippSection::Novelty => "novelty",
            KippSection::Implementation => "implementation",
            KippSection::Significance => "significance",
            KippSection::Adaptability => "adaptability",
            KippSection::Resources => "resources",
            KippSection::Sustainability => "sustainability",
        }
    }

    pub fn parse(s: &str) -> Option<KippSection> {
        KippSection::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The section's number in the outline, from 1.
    pub fn number(self) -> usize {
        KippSection::ALL
            .iter()
            .position(|k| *k == self)
            .map_or(0, |i| i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::KippSection;

    #[test]
    fn every_section_is_stored_by_its_own_name_and_numbered_in_order() {
        for (i, s) in KippSection::ALL.into_iter().enumerate() {
            assert_eq!(KippSection::parse(s.as_str()), Some(s));
            assert_eq!(s.number(), i + 1);
        }
        assert_eq!(KippSection::parse("Summary"), None);
        assert_eq!(KippSection::parse(""), None);
    }
}
