//! Demo data: the year "Lomba Inovasi Pelayanan Publik 2026" of the (fictional) Kabupaten
//! Sukamaju, in its submission phase, with its criteria, categories, form, agencies, one account
//! for every role, and a few proposals in different states. Dates are relative to the day the
//! seed runs, so the demo is always in the middle of its submission phase.

use sqlx::{Any, Transaction};

use crate::error::AppError;
use crate::models::{AgencyKind, Role};
use crate::validation::Email;

use super::agencies::{self, NewAgency};
use super::db::{flag, now_ms};
use super::passwords::PasswordHasher;
use super::users::{self, NewUser};
use super::Db;

/// The password of every demo account (printed by `seed-demo`, written in the README).
pub const DEMO_PASSWORD: &str = "demo-inovasi-2026";

pub const COMPETITION_NAME: &str = "Lomba Inovasi Pelayanan Publik 2026";

/// A demo account as printed for the person trying the app.
#[derive(Clone, Debug)]
pub struct DemoAccount {
    pub email: &'static str,
    pub role: Role,
    pub agency: Option<&'static str>,
}

pub enum SeedOutcome {
    Seeded(Vec<DemoAccount>),
    /// The database already holds data; nothing was written.
    NotEmpty,
}

const DAY: i64 = 86_400_000;

const AGENCIES: &[(&str, &str, AgencyKind, &str)] = &[
    (
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        AgencyKind::PerangkatDaerah,
        "Drs. Bambang Sutrisno, M.Si.",
    ),
    (
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        AgencyKind::PerangkatDaerah,
        "Hj. Siti Rahmawati, S.E., M.M.",
    ),
    (
        "Dinas Sosial",
        "Dinsos",
        AgencyKind::PerangkatDaerah,
        "Agus Salim, S.Sos.",
    ),
    (
        "Dinas Perhubungan",
        "Dishub",
        AgencyKind::PerangkatDaerah,
        "Ir. Hendra Wijaya",
    ),
    (
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        AgencyKind::PerangkatDaerah,
        "Dr. Ratna Dewi, M.T.",
    ),
    (
        "Dinas Kesehatan",
        "Dinkes",
        AgencyKind::Kesehatan,
        "dr. Yusuf Maulana, M.Kes.",
    ),
    (
        "RSUD Kabupaten Sukamaju",
        "RSUD",
        AgencyKind::Kesehatan,
        "dr. Lestari Handayani, Sp.PD.",
    ),
    (
        "Puskesmas Sukamaju",
        "PKM Sukamaju",
        AgencyKind::Kesehatan,
        "dr. Andi Pratama",
    ),
    (
        "Puskesmas Mekarsari",
        "PKM Mekarsari",
        AgencyKind::Kesehatan,
        "dr. Nur Aini",
    ),
    (
        "Puskesmas Cibeureum",
        "PKM Cibeureum",
        AgencyKind::Kesehatan,
        "dr. Fajar Nugroho",
    ),
    (
        "Dinas Pendidikan",
        "Disdik",
        AgencyKind::Pendidikan,
        "Dra. Endang Kurniasih, M.Pd.",
    ),
    (
        "SMP Negeri 1 Sukamaju",
        "SMPN 1",
        AgencyKind::Pendidikan,
        "Slamet Riyadi, S.Pd.",
    ),
    (
        "SMP Negeri 3 Sukamaju",
        "SMPN 3",
        AgencyKind::Pendidikan,
        "Wahyuni, S.Pd., M.Pd.",
    ),
    (
        "SD Negeri 2 Mekarsari",
        "SDN 2 Mekarsari",
        AgencyKind::Pendidikan,
        "Sri Mulyani, S.Pd.",
    ),
    (
        "SD Negeri 1 Cibeureum",
        "SDN 1 Cibeureum",
        AgencyKind::Pendidikan,
        "Ujang Sopandi, S.Pd.SD.",
    ),
];

const ACCOUNTS: &[(&str, &str, Role, Option<&str>)] = &[
    ("admin@inovasi.test", "Rina Kusumawati", Role::Admin, None),
    (
        "juri1@inovasi.test",
        "Prof. Dr. Hadi Santoso",
        Role::Judge,
        None,
    ),
    (
        "juri2@inovasi.test",
        "Dr. Maya Puspitasari",
        Role::Judge,
        None,
    ),
    (
        "juri3@inovasi.test",
        "Ir. Teguh Prasetyo, M.P.A.",
        Role::Judge,
        None,
    ),
    (
        "kepala.dukcapil@inovasi.test",
        "Drs. Bambang Sutrisno, M.Si.",
        Role::AgencyHead,
        Some("Disdukcapil"),
    ),
    (
        "staf.dukcapil@inovasi.test",
        "Dewi Anggraini",
        Role::AgencyMember,
        Some("Disdukcapil"),
    ),
    (
        "kepala.puskesmas@inovasi.test",
        "dr. Andi Pratama",
        Role::AgencyHead,
        Some("PKM Sukamaju"),
    ),
    (
        "staf.puskesmas@inovasi.test",
        "Bidan Yuliana",
        Role::AgencyMember,
        Some("PKM Sukamaju"),
    ),
    (
        "staf.smpn1@inovasi.test",
        "Rudi Hartono, S.Pd.",
        Role::AgencyMember,
        Some("SMPN 1"),
    ),
];

/// (code, name, weight, what 1–3, 4–6, 7–8 and 9–10 mean)
const CRITERIA: &[(&str, &str, i64, [&str; 4])] = &[
    (
        "kebaruan",
        "Kebaruan",
        25,
        [
            "Meniru inovasi yang sudah ada tanpa modifikasi berarti.",
            "Modifikasi dari inovasi yang sudah ada di daerah lain.",
            "Baru di tingkat kabupaten/provinsi.",
            "Baru di tingkat nasional; pendekatan yang belum pernah ada.",
        ],
    ),
    (
        "efektif",
        "Efektif",
        20,
        [
            "Tujuan belum tercapai; belum ada data hasil.",
            "Sebagian tujuan tercapai; data hasil terbatas.",
            "Tujuan tercapai dengan data hasil yang jelas.",
            "Tujuan terlampaui, dibuktikan data sebelum dan sesudah.",
        ],
    ),
    (
        "bermanfaat",
        "Bermanfaat",
        25,
        [
            "Manfaat belum terasa bagi masyarakat.",
            "Manfaat dirasakan sebagian kecil penerima layanan.",
            "Manfaat nyata bagi sebagian besar penerima layanan.",
            "Manfaat luas dan terukur, termasuk bagi kelompok rentan.",
        ],
    ),
    (
        "dapat_direplikasi",
        "Dapat ditransfer / direplikasi",
        15,
        [
            "Sulit diterapkan di tempat lain.",
            "Dapat diterapkan di tempat lain dengan penyesuaian besar.",
            "Sudah dipelajari atau direplikasi oleh instansi lain.",
            "Sudah direplikasi di beberapa daerah dengan hasil serupa.",
        ],
    ),
    (
        "berkelanjutan",
        "Berkelanjutan",
        15,
        [
            "Bergantung pada satu orang atau anggaran sekali pakai.",
            "Ada rencana keberlanjutan, belum ada dasar hukum/anggaran.",
            "Didukung anggaran rutin atau peraturan kepala instansi.",
            "Dilembagakan dalam peraturan daerah dan anggaran tahunan.",
        ],
    ),
];

const SDGS: &[&str] = &[
    "1 Tanpa kemiskinan",
    "2 Tanpa kelaparan",
    "3 Kehidupan sehat dan sejahtera",
    "4 Pendidikan berkualitas",
    "5 Kesetaraan gender",
    "6 Air bersih dan sanitasi layak",
    "7 Energi bersih dan terjangkau",
    "8 Pekerjaan layak dan pertumbuhan ekonomi",
    "9 Industri, inovasi dan infrastruktur",
    "10 Berkurangnya kesenjangan",
    "11 Kota dan permukiman yang berkelanjutan",
    "12 Konsumsi dan produksi yang bertanggung jawab",
    "13 Penanganan perubahan iklim",
    "14 Ekosistem lautan",
    "15 Ekosistem daratan",
    "16 Perdamaian, keadilan dan kelembagaan yang tangguh",
    "17 Kemitraan untuk mencapai tujuan",
];

/// (kind, code, label, help, required, word_limit, options, max_files, min, max)
type QuestionSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    Option<i64>,
    &'static [&'static str],
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

const FORM: &[(&str, &str, &[QuestionSpec])] = &[
    (
        "Profil inovasi",
        "Gambaran singkat inovasi Anda.",
        &[
            (
                "long_text",
                "ringkasan",
                "Ringkasan inovasi",
                "Apa masalahnya, apa inovasinya, apa hasilnya. Maksimal 200 kata.",
                true,
                Some(200),
                &[],
                None,
                None,
                None,
            ),
            (
                "date",
                "mulai",
                "Tanggal mulai diterapkan",
                "Inovasi harus sudah berjalan minimal satu tahun pada batas pengajuan.",
                true,
                None,
                &[],
                None,
                None,
                None,
            ),
            (
                "single_choice",
                "bentuk",
                "Bentuk inovasi",
                "",
                true,
                None,
                &[
                    "Pelayanan publik",
                    "Tata kelola pemerintahan",
                    "Inovasi daerah lainnya",
                ],
                None,
                None,
                None,
            ),
            (
                "multiple_choice",
                "sdgs",
                "Tujuan Pembangunan Berkelanjutan (SDGs) yang didukung",
                "Pilih satu atau lebih.",
                false,
                None,
                SDGS,
                None,
                None,
                None,
            ),
        ],
    ),
    (
        "Substansi inovasi",
        "Uraian yang dinilai oleh tim penilai.",
        &[
            (
                "long_text",
                "latar_belakang",
                "Latar belakang dan tujuan",
                "Masalah yang diatasi dan tujuan inovasi.",
                true,
                Some(500),
                &[],
                None,
                None,
                None,
            ),
            (
                "long_text",
                "kebaruan",
                "Kebaruan",
                "Apa yang baru dibandingkan cara sebelumnya dan inovasi serupa?",
                true,
                Some(500),
                &[],
                None,
                None,
                None,
            ),
            (
                "long_text",
                "implementasi",
                "Implementasi",
                "Langkah pelaksanaan dan hasil yang sudah dicapai.",
                true,
                Some(500),
                &[],
                None,
                None,
                None,
            ),
            (
                "long_text",
                "manfaat",
                "Manfaat",
                "Siapa yang merasakan manfaatnya dan seberapa besar? Sertakan data.",
                true,
                Some(500),
                &[],
                None,
                None,
                None,
            ),
            (
                "number",
                "penerima_manfaat",
                "Jumlah penerima manfaat per tahun",
                "",
                false,
                None,
                &[],
                None,
                Some(0),
                Some(100_000_000),
            ),
            (
                "long_text",
                "replikasi",
                "Dapat ditransfer / direplikasi",
                "Apakah sudah atau bisa diterapkan di tempat lain?",
                true,
                Some(500),
                &[],
                None,
                None,
                None,
            ),
            (
                "long_text",
                "keberlanjutan",
                "Keberlanjutan",
                "Dasar hukum, anggaran, dan sumber daya yang menjamin inovasi berlanjut.",
                true,
                Some(500),
                &[],
                None,
                None,
                None,
            ),
        ],
    ),
    (
        "Tim dan bukti",
        "Siapa yang terlibat dan bukti pendukungnya.",
        &[
            (
                "team",
                "tim",
                "Tim inovasi",
                "Nama dan peran anggota tim.",
                true,
                None,
                &[],
                None,
                None,
                None,
            ),
            (
                "evidence",
                "bukti",
                "Bukti pendukung",
                "SK, foto kegiatan, data capaian (PDF, JPG, PNG, DOCX, XLSX).",
                false,
                None,
                &[],
                Some(5),
                None,
                None,
            ),
        ],
    ),
];

/// (agency short name, created by, title, status, category code, answers by question code)
const PROPOSALS: &[(&str, &str, &str, &str, &str, &[(&str, &str)])] = &[
    ("Disdukcapil", "staf.dukcapil@inovasi.test", "Jemput Bola Keliling Desa (JEBOL)", "awaiting_approval", "perangkat_daerah", &[
        ("ringkasan", "\"Petugas Disdukcapil mendatangi desa terpencil dengan mobil layanan untuk merekam KTP-el, menerbitkan KK dan akta kelahiran di tempat.\""),
        ("mulai", "\"2024-02-01\""),
        ("bentuk", "\"Pelayanan publik\""),
        ("sdgs", "[\"10 Berkurangnya kesenjangan\",\"16 Perdamaian, keadilan dan kelembagaan yang tangguh\"]"),
    ]),
    ("Disdukcapil", "staf.dukcapil@inovasi.test", "Akta Kelahiran Terbit dari Ruang Bersalin", "draft", "perangkat_daerah", &[
        ("ringkasan", "\"Akta kelahiran diterbitkan sebelum ibu dan bayi pulang dari fasilitas kesehatan.\""),
    ]),
    ("PKM Sukamaju", "staf.puskesmas@inovasi.test", "Posyandu Digital Ibu Hamil (PODIUM)", "submitted", "kesehatan", &[
        ("ringkasan", "\"Kader posyandu mencatat pemeriksaan ibu hamil di aplikasi sederhana; bidan menerima peringatan dini risiko tinggi.\""),
        ("mulai", "\"2023-08-17\""),
        ("bentuk", "\"Pelayanan publik\""),
        ("sdgs", "[\"3 Kehidupan sehat dan sejahtera\"]"),
    ]),
    ("SMPN 1", "staf.smpn1@inovasi.test", "Perpustakaan Sepeda Keliling", "draft", "pendidikan", &[]),
];

/// Writes the demo data in one transaction, unless the database already holds any account or
/// competition year.
pub async fn seed_demo(db: &Db, hasher: &PasswordHasher) -> Result<SeedOutcome, AppError> {
    // Hash first: nothing slow happens while the write lock is held.
    let mut hashes = Vec::new();
    for _ in ACCOUNTS {
        hashes.push(hasher.hash(DEMO_PASSWORD.to_string()).await?);
    }

    let mut tx = db.begin_write().await?;
    let existing: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM competitions)",
    )
    .fetch_one(&mut *tx)
    .await?;
    if existing > 0 {
        return Ok(SeedOutcome::NotEmpty);
    }
    let now = now_ms();

    let competition_id: i64 = sqlx::query_scalar(
        "INSERT INTO competitions (year, name, phase, blind_judging, judges_per_proposal,
             min_running_days, created_at)
         VALUES (2026, $1, 'submission_open', 0, 3, 365, $2) RETURNING id",
    )
    .bind(COMPETITION_NAME)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;

    let phase_days: [(&str, i64, i64); 7] = [
        ("setup", -60, -30),
        ("submission_open", -30, 30),
        ("screening", 30, 44),
        ("judging", 44, 74),
        ("deliberation", 74, 81),
        ("published", 81, 120),
        ("archived", 120, 485),
    ];
    // Deadlines fall at 23.59 WIB (16.59 UTC) of their day.
    let midnight_utc = now - now.rem_euclid(DAY);
    for (phase, from, to) in phase_days {
        sqlx::query(
            "INSERT INTO competition_phases (competition_id, phase, starts_at, ends_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(competition_id)
        .bind(phase)
        .bind(midnight_utc + from * DAY + 17 * 3_600_000)
        .bind(midnight_utc + to * DAY + 16 * 3_600_000 + 59 * 60_000)
        .execute(&mut *tx)
        .await?;
    }

    let categories = [
        (
            "perangkat_daerah",
            "Perangkat Daerah",
            "Dinas, badan, dan kecamatan.",
        ),
        ("kesehatan", "Kesehatan", "Puskesmas dan RSUD."),
        ("pendidikan", "Pendidikan", "Sekolah dan satuan pendidikan."),
    ];
    let mut category_ids = Vec::new();
    for (i, (code, name, description)) in categories.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO categories (competition_id, code, name, description, position)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(competition_id)
        .bind(*code)
        .bind(*name)
        .bind(*description)
        .bind(i as i64)
        .fetch_one(&mut *tx)
        .await?;
        category_ids.push((*code, id));
    }

    for (i, (code, name, weight, levels)) in CRITERIA.iter().enumerate() {
        let criterion_id: i64 = sqlx::query_scalar(
            "INSERT INTO criteria (competition_id, code, name, weight, scale_min, scale_max,
                 counts_toward_ranking, position)
             VALUES ($1, $2, $3, $4, 1, 10, 1, $5) RETURNING id",
        )
        .bind(competition_id)
        .bind(*code)
        .bind(*name)
        .bind(*weight)
        .bind(i as i64)
        .fetch_one(&mut *tx)
        .await?;
        for ((from, to), descriptor) in [(1, 3), (4, 6), (7, 8), (9, 10)].iter().zip(levels) {
            sqlx::query(
                "INSERT INTO rubric_levels (criterion_id, score_from, score_to, descriptor)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(criterion_id)
            .bind(*from as i64)
            .bind(*to as i64)
            .bind(*descriptor)
            .execute(&mut *tx)
            .await?;
        }
    }

    let mut question_ids: Vec<(&str, i64)> = Vec::new();
    for (s, (title, description, questions)) in FORM.iter().enumerate() {
        let section_id: i64 = sqlx::query_scalar(
            "INSERT INTO form_sections (competition_id, position, title, description)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(competition_id)
        .bind(s as i64)
        .bind(*title)
        .bind(*description)
        .fetch_one(&mut *tx)
        .await?;
        for (q, (kind, code, label, help, required, word_limit, options, max_files, min, max)) in
            questions.iter().enumerate()
        {
            let options = serde_json::to_string(options).map_err(super::db::internal)?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO questions (section_id, position, kind, label, help, required,
                     word_limit, options, max_files, min_value, max_value)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
            )
            .bind(section_id)
            .bind(q as i64)
            .bind(*kind)
            .bind(*label)
            .bind(*help)
            .bind(flag(*required))
            .bind(*word_limit)
            .bind(options)
            .bind(*max_files)
            .bind(*min)
            .bind(*max)
            .fetch_one(&mut *tx)
            .await?;
            question_ids.push((*code, id));
        }
    }

    let mut agency_ids: Vec<(&str, i64)> = Vec::new();
    for (name, short, kind, head) in AGENCIES {
        let id = agencies::create(
            &mut *tx,
            NewAgency {
                name,
                short_name: Some(*short),
                kind: *kind,
                head_name: Some(*head),
            },
        )
        .await?;
        sqlx::query("INSERT INTO competition_agencies (competition_id, agency_id) VALUES ($1, $2)")
            .bind(competition_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        agency_ids.push((*short, id));
    }
    let agency_id = |short: &str| {
        agency_ids
            .iter()
            .find(|(s, _)| *s == short)
            .map(|(_, id)| *id)
    };

    let mut accounts = Vec::new();
    let mut user_ids: Vec<(&str, i64)> = Vec::new();
    for ((email, name, role, agency), hash) in ACCOUNTS.iter().zip(hashes) {
        let parsed = Email::parse(email)?;
        let id = users::create(
            &mut *tx,
            NewUser {
                email: &parsed,
                name,
                role: *role,
                agency_id: agency.and_then(agency_id),
                password_hash: Some(hash),
            },
        )
        .await?;
        if *role == Role::Judge {
            sqlx::query("INSERT INTO competition_judges (competition_id, user_id) VALUES ($1, $2)")
                .bind(competition_id)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        user_ids.push((*email, id));
        accounts.push(DemoAccount {
            email,
            role: *role,
            agency: *agency,
        });
    }

    for (i, (agency, author, title, status, category, answers)) in PROPOSALS.iter().enumerate() {
        insert_demo_proposal(
            &mut tx,
            DemoProposal {
                competition_id,
                agency_id: agency_id(*agency).ok_or(AppError::NotFound)?,
                category_id: category_ids
                    .iter()
                    .find(|(c, _)| c == category)
                    .map(|(_, id)| *id),
                author: user_ids
                    .iter()
                    .find(|(e, _)| e == author)
                    .map(|(_, id)| *id)
                    .ok_or(AppError::NotFound)?,
                title,
                status,
                // Spread the last changes over the past days so the lists have an order.
                updated_at: now - (i as i64 + 1) * DAY / 3,
            },
            answers,
            &question_ids,
        )
        .await?;
    }

    tx.commit().await?;
    Ok(SeedOutcome::Seeded(accounts))
}

struct DemoProposal<'a> {
    competition_id: i64,
    agency_id: i64,
    category_id: Option<i64>,
    author: i64,
    title: &'a str,
    status: &'a str,
    updated_at: i64,
}

async fn insert_demo_proposal(
    tx: &mut Transaction<'static, Any>,
    p: DemoProposal<'_>,
    answers: &[(&str, &str)],
    question_ids: &[(&str, i64)],
) -> Result<(), AppError> {
    let id = uuid::Uuid::new_v4().to_string();
    let submitted = p.status == "submitted";
    sqlx::query(
        "INSERT INTO proposals (id, competition_id, agency_id, category_id, title, status, version,
             created_by, created_at, updated_at, submitted_at, submitted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&id)
    .bind(p.competition_id)
    .bind(p.agency_id)
    .bind(p.category_id)
    .bind(p.title)
    .bind(p.status)
    .bind(answers.len() as i64 + 1)
    .bind(p.author)
    .bind(p.updated_at - 7 * DAY)
    .bind(p.updated_at)
    .bind(submitted.then_some(p.updated_at))
    .bind(submitted.then_some(p.author))
    .execute(&mut **tx)
    .await?;
    for (code, value) in answers {
        let Some((_, question_id)) = question_ids.iter().find(|(c, _)| c == code) else {
            continue;
        };
        sqlx::query(
            "INSERT INTO proposal_answers (proposal_id, question_id, value, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(*question_id)
        .bind(*value)
        .bind(p.updated_at)
        .bind(p.author)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
