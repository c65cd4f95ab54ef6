//! Every address the app answers, written once. The server's router, the redirects after a
//! plain form's post, the links in pages and the tests take their paths from here.
//!
//! The page router in app.rs is the one exception: `leptos_router`'s `path!` takes only a string
//! literal, so app.rs spells the page paths again, and the test below fails the moment the two
//! lists differ (`PAGES`).

// Public pages.
pub const HOME: &str = "/";
pub const LOGIN: &str = "/login";
pub const ACCOUNT_SETUP: &str = "/account/setup";
pub const RULES: &str = "/aturan-penilaian";
pub const GALLERY: &str = "/galeri";
pub const GALLERY_JSON: &str = "/galeri.json";
pub const GALLERY_CSV: &str = "/galeri.csv";

// The organisers.
pub const ADMIN: &str = "/admin";
pub const ADMIN_AGENCIES: &str = "/admin/agencies";
pub const ADMIN_FORM: &str = "/admin/form";
pub const ADMIN_FORM_PREVIEW: &str = "/admin/form/preview";
/// Back on the form after saving the outline sections, saying so.
pub const ADMIN_FORM_OUTLINE_SAVED: &str = "/admin/form?saved=outline";
pub const ADMIN_USERS: &str = "/admin/users";
pub const ADMIN_AUDIT: &str = "/admin/audit";
pub const ADMIN_AUDIT_CSV: &str = "/admin/audit.csv";
pub const ADMIN_COMPLIANCE: &str = "/admin/compliance";
pub const ADMIN_COMPLIANCE_CSV: &str = "/admin/compliance.csv";
pub const ADMIN_YEAR: &str = "/admin/year";
pub const ADMIN_CRITERIA: &str = "/admin/criteria";
pub const ADMIN_ROUNDS: &str = "/admin/rounds";
pub const ADMIN_SCHEDULE: &str = "/admin/schedule";
/// A room's board on the presentation day (`admin_room`).
pub const ADMIN_ROOMS: &str = "/admin/schedule/rooms/";
pub const ADMIN_SCREENING: &str = "/admin/screening";
pub const ADMIN_ASSIGNMENTS: &str = "/admin/assignments";
pub const ADMIN_JUDGING: &str = "/admin/judging";
pub const ADMIN_RESULTS: &str = "/admin/results";
pub const ADMIN_RESULTS_CSV: &str = "/admin/results.csv";
pub const ADMIN_RESULTS_XLSX: &str = "/admin/results.xlsx";
pub const ADMIN_RECAP_PDF: &str = "/admin/results/berita-acara.pdf";
/// The draft decree naming the innovations put forward to the province.
pub const ADMIN_DECREE_PDF: &str = "/admin/results/rancangan-sk.pdf";
/// The nomination to the province: each nominee's gaps and dossier.
pub const ADMIN_NOMINATION: &str = "/admin/nominasi";
/// Every nominee's dossier in one ZIP.
pub const ADMIN_DOSSIERS_ZIP: &str = "/admin/nominasi/semua.zip";
/// The year's compendium: the foreword and the selection.
pub const ADMIN_COMPENDIUM: &str = "/admin/kompendium";
pub const ADMIN_COMPENDIUM_SAVED: &str = "/admin/kompendium?saved=1";
/// The compendium, linked from the public gallery (`?year=`: a published year; none: the
/// newest).
pub const COMPENDIUM: &str = "/kompendium";
pub const COMPENDIUM_PDF: &str = "/kompendium.pdf";
pub const ADMIN_OUTBOX: &str = "/admin/outbox";
pub const ADMIN_BROADCASTS: &str = "/admin/broadcasts";
pub const ADMIN_TEMPLATES: &str = "/admin/templates";
pub const ADMIN_IDENTITY: &str = "/admin/identity";
/// The public check of a certificate: a form for the code, and `/verifikasi/<code>`, the address
/// printed (and in the QR code) on each certificate.
pub const VERIFY: &str = "/verifikasi";
/// The regency's crest, as the documents print it.
pub const CREST: &str = "/lambang.png";

// Every signed-in person.
pub const NOTIFICATIONS: &str = "/notifications";
/// Back on the notifications page after saving the e-mail choices, saying so.
pub const NOTIFICATIONS_SAVED: &str = "/notifications?saved=1";

// Judges and agencies.
pub const JUDGE: &str = "/judge";
/// The presentation room the judge sits in, followed live.
pub const JUDGE_ROOM: &str = "/judge/room";
pub const AGENCY: &str = "/agency";
/// The wizard of a new proposal: its id is minted on the device (SYNC.md), then the address
/// becomes `agency_proposal(id)`.
pub const AGENCY_PROPOSAL_NEW: &str = "/agency/proposals/new";

// Addresses with an id: the prefix (for the pages that read the id back out of the address)
// and the function that builds one.
pub const AGENCY_PROPOSALS: &str = "/agency/proposals/";
pub const JUDGE_SHEETS: &str = "/judge/proposals/";
pub const FILES: &str = "/files/";

pub fn agency_proposal(id: &str) -> String {
    format!("{AGENCY_PROPOSALS}{id}")
}

pub fn judge_sheet(id: &str) -> String {
    format!("{JUDGE_SHEETS}{id}")
}

pub fn admin_room(id: i64) -> String {
    format!("{ADMIN_ROOMS}{id}")
}

/// The slides of finalist `proposal_id` in the presentation round under way.
pub fn slides(proposal_id: &str) -> String {
    format!("/presentasi/bahan/{proposal_id}")
}

/// A photo of a field visit.
pub fn visit_photo(photo_id: &str) -> String {
    format!("/kunjungan/foto/{photo_id}")
}

/// A room's live stream (server-sent events).
pub fn room_events(id: i64) -> String {
    format!("/live/rooms/{id}")
}

pub fn file(id: &str) -> String {
    format!("{FILES}{id}")
}

pub fn agency_feedback(id: &str) -> String {
    format!("/agency/feedback/{id}")
}

pub fn proposal(id: &str) -> String {
    format!("/proposals/{id}")
}

pub fn gallery_item(id: &str) -> String {
    format!("{GALLERY}/{id}")
}

pub fn admin_agency(id: i64) -> String {
    format!("{ADMIN_AGENCIES}/{id}")
}

pub fn admin_broadcast(id: i64) -> String {
    format!("{ADMIN_BROADCASTS}/{id}")
}

/// A broadcast's page after it was sent, saying so.
pub fn admin_broadcast_sent(id: i64) -> String {
    format!("{ADMIN_BROADCASTS}/{id}?sent=1")
}

/// The templates page after template `template` (one of `NOTICE_TEMPLATES`) was saved.
pub fn admin_template_saved(template: &str) -> String {
    format!("{ADMIN_TEMPLATES}?saved={template}")
}

pub fn screening_check(id: &str) -> String {
    format!("{ADMIN_SCREENING}/{id}")
}

pub fn admin_result(id: &str) -> String {
    format!("{ADMIN_RESULTS}/{id}")
}

/// The berita acara of round `position`, once proposals were sent on from it.
pub fn round_recap(position: i64) -> String {
    format!("{ADMIN_RECAP_PDF}?babak={position}")
}

pub fn certificate(id: &str) -> String {
    format!("{ADMIN_RESULTS}/piagam/{id}")
}

/// The compendium of `year`, as a page or as the PDF.
pub fn compendium(year: i32) -> String {
    format!("{COMPENDIUM}?year={year}")
}

pub fn compendium_pdf(year: i32) -> String {
    format!("{COMPENDIUM_PDF}?year={year}")
}

/// One nominee's dossier (a ZIP).
pub fn dossier(id: &str) -> String {
    format!("{ADMIN_NOMINATION}/berkas/{id}")
}

/// The verification address of the certificate with `code` (a code is letters and digits only).
pub fn verification(code: &str) -> String {
    format!("{VERIFY}/{code}")
}

/// The crest's address, with its version so that a new crest is not taken from a cache.
pub fn crest(version: &str) -> String {
    format!("{CREST}?v={version}")
}

/// The server's own routes with an id, in axum's pattern syntax.
pub const FILE_ROUTE: &str = "/files/{id}";
pub const CERTIFICATE_ROUTE: &str = "/admin/results/piagam/{id}";
pub const DOSSIER_ROUTE: &str = "/admin/nominasi/berkas/{id}";
pub const ROOM_EVENTS_ROUTE: &str = "/live/rooms/{id}";
pub const SLIDES_ROUTE: &str = "/presentasi/bahan/{id}";
pub const VISIT_PHOTO_ROUTE: &str = "/kunjungan/foto/{id}";

/// Every page of the page router, in `leptos_router`'s pattern syntax (`:id`).
pub const PAGES: [&str; 43] = [
    HOME,
    LOGIN,
    ACCOUNT_SETUP,
    ADMIN,
    ADMIN_AGENCIES,
    "/admin/agencies/:id",
    ADMIN_FORM,
    ADMIN_FORM_PREVIEW,
    ADMIN_USERS,
    ADMIN_AUDIT,
    ADMIN_COMPLIANCE,
    ADMIN_YEAR,
    ADMIN_CRITERIA,
    ADMIN_ROUNDS,
    ADMIN_SCHEDULE,
    "/admin/schedule/rooms/:id",
    ADMIN_SCREENING,
    "/admin/screening/:id",
    ADMIN_ASSIGNMENTS,
    ADMIN_JUDGING,
    ADMIN_RESULTS,
    ADMIN_NOMINATION,
    ADMIN_COMPENDIUM,
    COMPENDIUM,
    "/admin/results/:id",
    RULES,
    GALLERY,
    "/galeri/:id",
    "/agency/feedback/:id",
    JUDGE,
    JUDGE_ROOM,
    "/judge/proposals/:id",
    AGENCY,
    "/agency/proposals/:id",
    "/proposals/:id",
    NOTIFICATIONS,
    ADMIN_OUTBOX,
    ADMIN_BROADCASTS,
    "/admin/broadcasts/:id",
    ADMIN_TEMPLATES,
    ADMIN_IDENTITY,
    VERIFY,
    "/verifikasi/:code",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The `path!("…")` literals of app.rs, the page router.
    fn routed() -> BTreeSet<&'static str> {
        include_str!("app.rs")
            .split("path!(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    }

    #[test]
    fn the_page_router_routes_exactly_these_pages() {
        let listed: BTreeSet<&str> = PAGES.into_iter().collect();
        let routed = routed();
        assert!(routed.len() > 20, "app.rs was not read: {routed:?}");
        assert_eq!(listed, routed, "routes::PAGES and app.rs differ");
    }

    /// Each address built from an id is one the page router answers.
    #[test]
    fn built_addresses_match_a_page_pattern() {
        let matches = |path: &str| {
            PAGES.iter().any(|pattern| {
                let (a, b): (Vec<_>, Vec<_>) =
                    (pattern.split('/').collect(), path.split('/').collect());
                a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.starts_with(':') || x == y)
            })
        };
        for built in [
            agency_proposal("p1"),
            judge_sheet("p1"),
            agency_feedback("p1"),
            proposal("p1"),
            gallery_item("p1"),
            admin_agency(7),
            admin_result("p1"),
            verification("K7M2XQ9D4RTBWZ8H"),
        ] {
            assert!(matches(&built), "{built} is no page");
        }
        assert!(!matches("/admin/nope"));
        assert_eq!(certificate("p1"), CERTIFICATE_ROUTE.replace("{id}", "p1"));
        assert_eq!(file("a1"), FILE_ROUTE.replace("{id}", "a1"));
        assert_eq!(visit_photo("f1"), VISIT_PHOTO_ROUTE.replace("{id}", "f1"));
    }
}
