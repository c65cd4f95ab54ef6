//! The year's criteria as the organisers edit them, and the two presets.

use serde::{Deserialize, Serialize};

use super::CriterionInfo;

/// One criterion as the form sends it. The rubric is one band per line: `1-3: what it means`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CriterionDraft {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub weight: String,
    pub scale_min: String,
    pub scale_max: String,
    /// "on" when it counts toward the ranking (a checkbox: absent when unticked).
    #[serde(default)]
    pub counts: Option<String>,
    #[serde(default)]
    pub rubric: String,
}

impl CriterionDraft {
    /// The form's copy of a stored criterion.
    pub fn from_info(c: &CriterionInfo) -> CriterionDraft {
        CriterionDraft {
            name: c.name.clone(),
            description: c.description.clone(),
            weight: c.weight.to_string(),
            scale_min: c.scale_min.to_string(),
            scale_max: c.scale_max.to_string(),
            counts: c.counts_toward_ranking.then(|| "on".to_string()),
            rubric: c
                .levels
                .iter()
                .map(|l| format!("{}-{}: {}", l.from, l.to, l.descriptor))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// The ready-made sets of criteria.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriteriaPreset {
    /// The regency's five: kebaruan, efektif, bermanfaat, dapat direplikasi, berkelanjutan.
    Regency,
    /// The national KIPP 2023 weighting (10/15/5/30/20/5/15).
    Kipp2023,
}

impl CriteriaPreset {
    pub fn parse(s: &str) -> Option<CriteriaPreset> {
        match s {
            "regency" => Some(CriteriaPreset::Regency),
            "kipp2023" => Some(CriteriaPreset::Kipp2023),
            _ => None,
        }
    }

    pub fn criteria(self) -> Vec<CriterionDraft> {
        let rows: &[(&str, u32, &str)] = match self {
            CriteriaPreset::Regency => &[
                ("Kebaruan", 25, "1-3: Meniru inovasi yang sudah ada\n4-6: Modifikasi inovasi daerah lain\n7-8: Baru di tingkat kabupaten/provinsi\n9-10: Baru di tingkat nasional"),
                ("Efektif", 20, "1-3: Tujuan belum tercapai\n4-6: Sebagian tujuan tercapai\n7-8: Tujuan tercapai dengan data jelas\n9-10: Tujuan terlampaui, dibuktikan data"),
                ("Bermanfaat", 25, "1-3: Manfaat belum terasa\n4-6: Manfaat bagi sebagian kecil penerima\n7-8: Manfaat nyata bagi sebagian besar penerima\n9-10: Manfaat luas dan terukur, termasuk kelompok rentan"),
                ("Dapat direplikasi", 15, "1-3: Sulit diterapkan di tempat lain\n4-6: Dapat diterapkan dengan penyesuaian besar\n7-8: Sudah dipelajari instansi lain\n9-10: Sudah direplikasi di beberapa daerah"),
                ("Berkelanjutan", 15, "1-3: Bergantung pada satu orang atau anggaran sekali pakai\n4-6: Ada rencana, belum ada dasar hukum/anggaran\n7-8: Didukung anggaran rutin atau peraturan\n9-10: Dilembagakan dalam peraturan daerah"),
            ],
            CriteriaPreset::Kipp2023 => &[
                ("Ide inovasi", 10, ""),
                ("Kebaruan", 15, ""),
                ("Kesesuaian dengan kategori", 5, ""),
                ("Signifikansi", 30, ""),
                ("Efektivitas", 20, ""),
                ("Kolaborasi pemangku kepentingan", 5, ""),
                ("Keberlanjutan dan replikasi", 15, ""),
            ],
        };
        rows.iter()
            .map(|(name, weight, rubric)| CriterionDraft {
                name: name.to_string(),
                description: String::new(),
                weight: weight.to_string(),
                scale_min: "1".into(),
                scale_max: "10".into(),
                counts: Some("on".into()),
                rubric: rubric.to_string(),
            })
            .collect()
    }
}

/// The criteria page: categories, criteria, and whether they may still change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriteriaSetup {
    pub categories: Vec<(i64, String, String)>,
    pub criteria: Vec<CriterionInfo>,
    /// Judges have scored: the criteria are fixed.
    pub locked: bool,
}
