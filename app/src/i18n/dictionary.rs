//! The dictionary: one line per text, Bahasa Indonesia first, then English. A text missing in
//! one language does not compile. `{name}` marks a value filled in by the caller.

use super::Lang;

macro_rules! dictionary {
    ($($key:ident => $id:literal, $en:literal;)*) => {
        /// A text of the UI. Use `Key::X.text(lang)` or `t(Key::X)` in views.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key { $($key),* }

        impl Key {
            /// Every key, for the completeness tests.
            pub const ALL: &'static [Key] = &[$(Key::$key),*];

            pub fn text(self, lang: Lang) -> &'static str {
                let [id, en] = match self { $(Key::$key => [$id, $en]),* };
                match lang {
                    Lang::Id => id,
                    Lang::En => en,
                }
            }
        }
    };
}

dictionary! {
    AppName => "Inovasi", "Inovasi";
    AppTagline => "Lomba Inovasi Pelayanan Publik", "Public Service Innovation Competition";
    SkipToContent => "Langsung ke isi", "Skip to content";
    MainNavigation => "Navigasi utama", "Main navigation";
    Home => "Beranda", "Home";
    SignIn => "Masuk", "Sign in";
    SignOut => "Keluar", "Sign out";
    SignedInAs => "Masuk sebagai", "Signed in as";
    Email => "Email", "Email";
    Password => "Kata sandi", "Password";
    Name => "Nama", "Name";
    User => "Pengguna", "User";
    File => "Berkas", "File";
    Language => "Bahasa", "Language";
    LanguageName => "Bahasa Indonesia", "English";
    SwitchLanguage => "Switch to English", "Ganti ke Bahasa Indonesia";
    SwitchLanguageShort => "EN", "ID";
    Loading => "Memuat…", "Loading…";
    Saving => "Menyimpan…", "Saving…";

    RoleAdmin => "Panitia", "Organiser (admin)";
    RoleJudge => "Juri", "Judge";
    RoleAgencyHead => "Kepala Instansi", "Agency head";
    RoleAgencyMember => "Tim Inovasi (UPP)", "Agency member";

    PhaseSetup => "Persiapan", "Setup";
    PhaseSubmissionOpen => "Pengajuan dibuka", "Submission open";
    PhaseScreening => "Seleksi administrasi", "Screening";
    PhaseJudging => "Penilaian", "Judging";
    PhaseDeliberation => "Rapat penetapan", "Deliberation";
    PhasePublished => "Diumumkan", "Published";
    PhaseArchived => "Diarsipkan", "Archived";

    StatusDraft => "Draf", "Draft";
    StatusAwaitingApproval => "Menunggu persetujuan", "Awaiting approval";
    StatusSubmitted => "Diajukan", "Submitted";
    StatusScreenedIn => "Lolos seleksi", "Passed screening";
    StatusScreenedOut => "Tidak lolos seleksi", "Failed screening";
    StatusScored => "Sudah dinilai", "Scored";
    StatusFinalist => "Finalis", "Finalist";
    StatusWinner => "Pemenang", "Winner";
    StatusNotSelected => "Tidak terpilih", "Not selected";

    KindPerangkatDaerah => "Perangkat daerah", "Government agency";
    KindKesehatan => "Kesehatan", "Health";
    KindPendidikan => "Pendidikan", "Education";

    LoginTitle => "Masuk ke Inovasi", "Sign in to Inovasi";
    LoginIntro => "Gunakan email dan kata sandi yang diberikan panitia.", "Use the email and password the organisers gave you.";
    LoginSubmit => "Masuk", "Sign in";
    AlreadySignedIn => "Anda sudah masuk.", "You are already signed in.";
    GoToMyHome => "Ke halaman saya", "Go to my page";

    ForbiddenTitle => "Akses ditolak", "Access denied";
    ForbiddenBody => "Halaman ini bukan untuk peran Anda. Jika menurut Anda ini keliru, hubungi panitia.", "This page is not for your role. If you think this is a mistake, contact the organisers.";
    SignInRequiredTitle => "Silakan masuk", "Please sign in";
    SignInRequiredBody => "Halaman ini hanya untuk pengguna yang sudah masuk.", "This page is only for signed-in users.";
    NotFoundTitle => "Halaman tidak ditemukan", "Page not found";
    NotFoundBody => "Alamat ini tidak ada. Periksa tautannya atau kembali ke beranda.", "This address does not exist. Check the link or go back home.";
    BackHome => "Kembali ke beranda", "Back to home";

    PublicIntro => "Setiap instansi wajib melahirkan minimal satu inovasi setiap tahun (Satu Instansi Satu Inovasi). Inovasi menjaring, mendokumentasikan, menilai, dan menyebarluaskan inovasi pelayanan publik di daerah.", "Every agency must produce at least one innovation a year (One Agency One Innovation). Inovasi collects, documents, judges and spreads the public-service innovations of the regency.";
    CurrentYear => "Tahun kompetisi", "Competition year";
    CurrentPhase => "Tahap saat ini", "Current phase";
    PhaseEnds => "Tahap ini berakhir", "This phase ends";
    Categories => "Kategori", "Categories";
    Criteria => "Kriteria penilaian", "Judging criteria";
    Weight => "Bobot", "Weight";
    AgenciesInvited => "Instansi peserta", "Participating agencies";
    NoCompetitionYet => "Belum ada tahun kompetisi yang dibuka.", "No competition year has been opened yet.";
    NoCompetitionHint => "Panitia akan membuka tahun kompetisi; halaman ini menampilkannya begitu tersedia.", "The organisers will open a competition year; this page shows it as soon as it exists.";

    AdminHomeTitle => "Ringkasan tahun kompetisi", "Competition year overview";
    ComplianceTitle => "Kepatuhan Satu Instansi Satu Inovasi", "One Agency One Innovation compliance";
    AgenciesObligated => "Instansi wajib", "Obligated agencies";
    AgenciesStarted => "Sudah memulai proposal", "Have started a proposal";
    AgenciesSubmitted => "Sudah mengajukan", "Have submitted";
    ProposalsByStatus => "Proposal menurut status", "Proposals by status";
    NoProposalsYet => "Belum ada proposal tahun ini.", "No proposals this year yet.";
    JudgesCount => "Juri", "Judges";
    UsersCount => "Pengguna", "Users";
    ManageUsers => "Kelola pengguna", "Manage users";
    Count => "Jumlah", "Count";

    ComplianceNav => "Kepatuhan", "Compliance";
    ComplianceIntro => "Setiap instansi wajib mengajukan minimal satu inovasi tiap tahun. Register ini menunjukkan posisi setiap instansi.", "Every agency must submit at least one innovation a year. This register shows where each agency stands.";
    ComplianceShare => "{n} dari {total} instansi sudah memenuhi kewajiban ({pct}%)", "{n} of {total} agencies have met the duty ({pct}%)";
    LevelNone => "Belum memulai", "Not started";
    AgencyKindLabel => "Jenis instansi", "Kind of agency";
    HeadName => "Kepala instansi", "Agency head";
    ProposalCount => "Jumlah proposal", "Proposals";
    FilterAll => "Semua", "All";
    ApplyFilter => "Terapkan", "Apply";
    DownloadCsv => "Unduh CSV", "Download CSV";
    NoMatchingAgencies => "Tidak ada instansi yang cocok dengan saringan ini.", "No agency matches this filter.";
    AuditNav => "Jejak audit", "Audit trail";
    AuditIntro => "Setiap tindakan panitia dan setiap perubahan status atau nilai tercatat di sini dan tersegel berantai: baris yang diubah atau dihapus akan ketahuan.", "Every organiser action and every change of status or score is recorded here and sealed in a chain: an edited or deleted row shows.";
    AuditIntact => "Rantai segel utuh: {n} catatan.", "The chain of seals is intact: {n} events.";
    AuditBroken => "Rantai segel RUSAK: ada catatan yang diubah atau dihapus. Jalankan `inovasi verify-audit` untuk rinciannya.", "The chain of seals is BROKEN: an event was edited or deleted. Run `inovasi verify-audit` for details.";
    AuditWhen => "Waktu", "When";
    AuditWho => "Oleh", "By";
    AuditAction => "Tindakan", "Action";
    AuditObject => "Objek", "Object";
    AuditBefore => "Sebelum", "Before";
    AuditAfter => "Sesudah", "After";
    AuditActorFilter => "Email pelaku", "Actor's email";
    AuditKindFilter => "Jenis objek", "Object kind";
    NoAuditEvents => "Tidak ada catatan yang cocok.", "No matching events.";
    System => "Sistem", "System";
    UsersTitle => "Pengguna", "Users";
    UsersIntro => "Pengguna yang dinonaktifkan langsung keluar dari semua perangkat dan tidak dapat masuk lagi.", "A deactivated user is signed out everywhere at once and cannot sign in again.";
    ColRole => "Peran", "Role";
    ColAgency => "Instansi", "Agency";
    ColStatus => "Status", "Status";
    ColAction => "Tindakan", "Action";
    ColTitle => "Judul", "Title";
    ColCategory => "Kategori", "Category";
    ColUpdated => "Terakhir diubah", "Last changed";
    Active => "Aktif", "Active";
    Inactive => "Nonaktif", "Inactive";
    Deactivate => "Nonaktifkan", "Deactivate";
    Activate => "Aktifkan", "Activate";
    NoUsers => "Belum ada pengguna.", "No users yet.";
    CannotDeactivateSelf => "Anda tidak dapat menonaktifkan akun sendiri.", "You cannot deactivate your own account.";

    JudgeHomeTitle => "Proposal yang ditugaskan kepada Anda", "Proposals assigned to you";
    NoAssignments => "Belum ada proposal yang ditugaskan kepada Anda.", "No proposals have been assigned to you yet.";
    NoAssignmentsHint => "Panitia menugaskan proposal setelah seleksi administrasi, pada tahap penilaian.", "The organisers assign proposals after screening, in the judging phase.";
    SheetNotStarted => "Belum dinilai", "Not started";
    SheetDraft => "Draf penilaian", "Draft";
    SheetSubmitted => "Penilaian terkirim", "Submitted";
    JudgeProgress => "{done} dari {total} penilaian terkirim", "{done} of {total} score sheets submitted";
    NextUnscored => "Nilai proposal berikutnya", "Score the next proposal";
    AllCategories => "Semua kategori", "All categories";
    AllStates => "Semua status", "All states";
    FilterNotSubmitted => "Belum terkirim", "Not yet submitted";
    BackToList => "← Kembali ke daftar", "← Back to the list";
    BlindNotice => "Penilaian buta: identitas instansi dan orang-orangnya disamarkan.", "Blind judging: the agency and its people are not shown.";
    AgencyHidden => "Disamarkan (penilaian buta)", "Hidden (blind judging)";
    ScoreSheetTitle => "Lembar penilaian", "Score sheet";
    WeightedTotal => "Total tertimbang", "Weighted total";
    WeightOf => "bobot {n}%", "weight {n}%";
    CriterionComment => "Catatan untuk kriteria ini", "Comment on this criterion";
    OverallComment => "Catatan umum", "Overall comment";
    ScoresMissing => "{n} kriteria belum dinilai.", "{n} criteria not yet scored.";
    SubmitSheet => "Kirim penilaian", "Submit scores";
    SaveAndNext => "Simpan & berikutnya", "Save and next";
    SheetSubmittedNotice => "Penilaian terkirim dan terkunci. Hubungi panitia bila perlu dibuka kembali.", "Scores submitted and locked. Ask the organisers if it must be reopened.";
    SheetSubmittedPending => "Penilaian akan terkirim begitu perangkat tersambung.", "The scores will be submitted as soon as this device is online.";
    SheetReopenedNotice => "Panitia membuka kembali lembar ini: perbaiki lalu kirim lagi.", "The organisers reopened this sheet: correct it and submit again.";
    JudgingClosed => "Tahap penilaian tidak sedang berjalan; nilai tidak dapat diubah.", "Judging is not open; scores cannot change.";
    DeclareConflict => "Nyatakan konflik kepentingan", "Declare a conflict of interest";
    DeclareConflictHint => "Bila Anda punya hubungan dengan pengusul, nyatakan di sini. Proposal ini akan hilang dari daftar Anda dan nilai Anda tidak dihitung.", "If you are connected to the proposers, say so here. The proposal leaves your list and your scores do not count.";
    DeclareConflictAction => "Nyatakan konflik", "Declare conflict";
    Reason => "Alasan", "Reason";
    JudgingNav => "Penilaian", "Judging";
    PhaseFirstDay => "hari pertama", "first day";
    PhaseLastDay => "hari terakhir", "last day";
    JudgesPerProposal => "Juri per proposal", "Judges per proposal";
    YearNav => "Tahun kompetisi", "Competition year";
    YearSettingsTitle => "Pengaturan penilaian", "Judging settings";
    BlindJudging => "Penilaian buta (juri tidak melihat identitas instansi)", "Blind judging (judges do not see who proposed)";
    PhaseDatesTitle => "Jadwal tahapan", "Phase dates";
    MovePhaseTitle => "Pindah tahap", "Change phase";
    MoveTo => "Pindah ke: {phase}", "Move to: {phase}";
    NoMoves => "Tahun ini sudah diarsipkan.", "This year is archived.";
    ExtensionsTitle => "Perpanjangan batas pengajuan per instansi", "Deadline extensions per agency";
    NoExtensions => "Belum ada perpanjangan.", "No extensions granted.";
    GrantExtension => "Beri perpanjangan", "Grant extension";
    RevokeExtension => "Cabut", "Revoke";
    NewDeadline => "Batas baru (hari terakhir)", "New deadline (last day)";
    ScreeningNav => "Seleksi", "Screening";
    ScreeningClosed => "Keputusan seleksi hanya dapat dibuat pada tahap seleksi.", "Screening decisions can only be made in the screening phase.";
    NothingToScreen => "Belum ada proposal yang diajukan.", "No proposal has been handed in yet.";
    ChecklistLabel => "Pemeriksaan otomatis", "Automatic checks";
    CheckComplete => "Lengkap", "Complete";
    CheckIncomplete => "Belum lengkap", "Incomplete";
    CheckMissing => "{n} isian kurang atau tidak sah", "{n} items missing or invalid";
    CheckRunning => "Sudah berjalan cukup lama", "Running long enough";
    CheckTooRecent => "Belum berjalan cukup lama", "Not running long enough";
    CheckNoStart => "Tanggal mulai tidak diisi", "No start date given";
    CheckUnique => "Judul belum pernah diajukan", "Title not submitted before";
    CheckDuplicate => "Judul sama sudah pernah diajukan:", "The same title was submitted before:";
    ScreenPass => "Lolos", "Pass";
    ScreenFail => "Tidak lolos", "Fail";
    CriteriaNav => "Kriteria", "Criteria";
    CriteriaTitle => "Kriteria penilaian", "Judging criteria";
    CategoriesTitle => "Kategori", "Categories";
    Criterion => "Kriteria", "Criterion";
    Weights => "Bobot kriteria", "The criteria's weights";
    ScaleMin => "Nilai terendah", "Lowest score";
    ScaleMax => "Nilai tertinggi", "Highest score";
    Rubric => "Rubrik (satu baris per rentang, mis. 1-3: uraian)", "Rubric (one band per line, e.g. 1-3: meaning)";
    CountsTowardRanking => "Dihitung dalam peringkat", "Counts toward the ranking";
    CriteriaLocked => "Juri sudah mulai menilai: kriteria terkunci.", "Judges have started scoring: the criteria are locked.";
    UsePreset => "Pakai set siap pakai", "Use a ready-made set";
    PresetRegency => "Lima kriteria kabupaten", "The regency's five criteria";
    PresetKipp => "Rubrik nasional KIPP 2023", "The national KIPP 2023 rubric";
    AddCriterion => "Tambah baris kriteria", "Add a criterion row";
    SaveCriteria => "Simpan kriteria", "Save the criteria";
    AddCategory => "Tambah kategori", "Add category";
    RemoveCategory => "Hapus", "Remove";
    Description => "Keterangan", "Description";
    WeightTotalNow => "Jumlah bobot: {n}", "Weights total: {n}";
    AssignmentsNav => "Penugasan juri", "Judge assignment";
    AutoAssignTitle => "Penugasan otomatis", "Automatic assignment";
    AutoAssignIntro => "Setiap proposal yang lolos seleksi dinilai {n} juri, beban dibagi rata, tidak pernah juri dari instansi pengusul atau yang menyatakan konflik. Kurang {missing} penugasan.", "Every screened proposal gets {n} judges with an even load, never a judge of the proposing agency or one who declared a conflict. {missing} assignments are missing.";
    PreviewAssignment => "Lihat pratinjau", "Preview";
    PlanCount => "{n} penugasan baru", "{n} new assignments";
    PlanShort => "Juri yang memenuhi syarat tidak cukup untuk proposal berikut:", "Not enough eligible judges for these proposals:";
    PlanNew => "Penugasan baru", "New assignments";
    CommitAssignment => "Terapkan penugasan", "Commit the assignments";
    Cancel => "Batal", "Cancel";
    JudgePoolTitle => "Daftar juri tahun ini", "This year's judge pool";
    JudgeLoad => "Beban", "Load";
    InPool => "Ikut menilai", "Judging this year";
    Expertise => "Keahlian", "Expertise";
    NoExpertise => "Umum", "General";
    Save => "Simpan", "Save";
    ScreenedProposals => "Proposal lolos seleksi", "Screened proposals";
    NoScreenedProposals => "Belum ada proposal yang lolos seleksi.", "No proposal has passed screening yet.";
    JudgesMissing => "kurang {n} juri", "{n} judges missing";
    RemoveJudge => "Lepas", "Remove";
    AddJudge => "Tambah juri", "Add judge";
    SheetsTitle => "Lembar penilaian per proposal", "Score sheets per proposal";
    ConflictsTitle => "Pernyataan konflik kepentingan", "Declared conflicts of interest";
    NoConflicts => "Belum ada juri yang menyatakan konflik kepentingan.", "No judge has declared a conflict of interest.";
    NoAssignmentsYet => "Belum ada penugasan juri.", "No judges have been assigned yet.";
    ColProposal => "Proposal", "Proposal";
    ConflictDeclared => "Konflik kepentingan", "Conflict of interest";
    SheetReopened => "Dibuka kembali", "Reopened";
    ReopenSheet => "Buka kembali", "Reopen";
    UnsyncedSheets => "{n} lembar penilaian di perangkat ini belum tersinkron.", "{n} score sheets on this device are not synced yet.";

    AgencyHomeTitle => "Proposal instansi", "Agency proposals";
    Deadline => "Batas pengajuan", "Submission deadline";
    NoProposals => "Instansi Anda belum memiliki proposal tahun ini.", "Your agency has no proposal this year yet.";
    NoProposalsHint => "Setiap instansi wajib mengajukan minimal satu inovasi. Proposal dapat diisi ketika tahap pengajuan dibuka.", "Every agency must submit at least one innovation. Proposals can be written while submission is open.";
    Untitled => "(tanpa judul)", "(untitled)";

    NewProposal => "Buat proposal baru", "New proposal";
    WizardTitle => "Proposal inovasi", "Innovation proposal";
    StepIdentity => "Identitas", "Identity";
    StepIdentityIntro => "Judul dan kategori inovasi Anda.", "Your innovation's title and category.";
    StepSummary => "Ringkasan", "Summary";
    StepsLabel => "Langkah pengisian", "Steps";
    StepOf => "Langkah {n} dari {total}", "Step {n} of {total}";
    StepHasProblems => "perlu dilengkapi", "needs attention";
    Previous => "Sebelumnya", "Previous";
    Next => "Berikutnya", "Next";
    Completion => "{n}% lengkap", "{n}% complete";
    FieldTitle => "Judul inovasi", "Innovation title";
    ChooseCategory => "Pilih kategori", "Choose a category";
    RequiredMark => "wajib", "required";
    WordsCount => "{n} / {max} kata", "{n} / {max} words";
    TeamRole => "Peran dalam tim", "Role in the team";
    AddMember => "Tambah anggota", "Add member";
    RemoveMember => "Hapus", "Remove";
    MemberNumber => "Anggota {n}", "Member {n}";
    NoMembers => "Belum ada anggota tim.", "No team members yet.";
    EvidenceNeedsNetwork => "Unggah berkas memerlukan koneksi internet; isian lain tetap bisa diisi saat luring.", "Uploading files needs an internet connection; everything else can be filled in offline.";
    NoFiles => "Belum ada berkas.", "No files yet.";
    UploadFile => "Unggah berkas", "Upload a file";
    Uploading => "Mengunggah {name}", "Uploading {name}";
    RemoveFile => "Hapus", "Remove";
    FilesLimit => "PDF, JPG, PNG, DOCX, atau XLSX; maksimal {max} berkas, masing-masing 10 MB.", "PDF, JPG, PNG, DOCX or XLSX; at most {max} files, 10 MB each.";
    SyncSavedLocally => "Tersimpan di perangkat ini", "Saved on this device";
    SyncSyncing => "Menyinkronkan…", "Syncing…";
    SyncSynced => "Tersinkron dengan server", "Synced";
    SyncOffline => "Luring — tersimpan di perangkat ini", "Offline — saved on this device";
    SyncConflict => "Konflik — pilih versi yang dipakai", "Conflict — choose which version to keep";
    SyncLocked => "Terkunci — tidak dapat disimpan ke server", "Locked — cannot be saved to the server";
    SyncStatusLabel => "Status penyimpanan", "Save status";
    StorageUnavailable => "Penyimpanan di perangkat ini penuh atau tidak tersedia. Perubahan Anda hanya aman setelah tersinkron ke server; jangan tutup halaman ini selagi luring.", "This device's storage is full or unavailable. Your changes are only safe once synced to the server; do not close this page while offline.";
    ConflictTitle => "Orang lain mengubah isian yang sama", "Someone else changed the same items";
    ConflictIntro => "Kedua versi tetap disimpan. Untuk setiap isian, pilih versi yang dipakai atau tulis gabungannya.", "Both versions are kept. For each item, choose the version to keep or write a merged one.";
    ConflictYours => "Versi Anda (di perangkat ini)", "Your version (on this device)";
    ConflictTheirs => "Versi di server", "Version on the server";
    KeepMine => "Pakai versi saya", "Keep mine";
    TakeTheirs => "Pakai versi server", "Take the server's";
    MergedLabel => "Gabungan", "Merged text";
    SaveMerged => "Pakai gabungan", "Use the merged text";
    DownloadCopy => "Unduh salinan isian", "Download a copy";
    SummaryIntro => "Periksa kelengkapan sebelum proposal diajukan.", "Check that everything is complete before handing the proposal in.";
    SummaryComplete => "Semua isian wajib sudah lengkap.", "Every required item is complete.";
    SummaryMissing => "Yang masih perlu dilengkapi:", "Still to complete:";
    GoToStep => "Buka", "Open";
    SendToHead => "Kirim ke kepala instansi", "Send to the agency head";
    SendToHeadHint => "Kepala instansi memeriksa lalu mengajukan, atau mengembalikan dengan catatan.", "The agency head reviews it, then submits it or sends it back with a note.";
    ApproveSubmit => "Setujui dan ajukan", "Approve and submit";
    ApproveSubmitHint => "Setelah diajukan, proposal tidak dapat diubah lagi.", "Once submitted, the proposal can no longer be changed.";
    WaitForSync => "Tunggu hingga semua perubahan tersinkron ke server.", "Wait until every change is synced to the server.";
    HeadNote => "Catatan kepala instansi", "Note from the agency head";
    ReturnToDraft => "Kembalikan untuk revisi", "Send back for revision";
    NoteLabel => "Catatan untuk tim (apa yang perlu diperbaiki)", "Note for the team (what to change)";
    ReadOnlyNotice => "Proposal ini sudah tidak dapat diubah.", "This proposal can no longer be changed.";
    AwaitingApprovalNotice => "Proposal ini menunggu persetujuan kepala instansi.", "This proposal is waiting for the agency head's approval.";
    Print => "Cetak", "Print";
    View => "Lihat", "View";
    EditAction => "Ubah", "Edit";
    Agency => "Instansi", "Agency";
    NotAnswered => "Belum diisi", "Not answered";
    UnsyncedDrafts => "{n} draf di perangkat ini belum terkirim ke server. Buka untuk menyinkronkan.", "{n} drafts on this device have not reached the server yet. Open them to sync.";
    Files => "Berkas", "Files";
    ErrRequired => "wajib diisi", "is required";
    ErrTooLong => "terlalu panjang (maksimal {max} karakter)", "is too long (at most {max} characters)";
    ErrTooShort => "terlalu pendek (minimal {min} karakter)", "is too short (at least {min} characters)";
    ErrNotAnEmail => "bukan alamat email yang valid", "is not a valid email address";
    ErrNotAllowed => "berisi nilai yang tidak diizinkan", "has a value that is not allowed";
    ErrTooManyWords => "terlalu panjang (maksimal {max} kata)", "is too long (at most {max} words)";
    ErrOutOfRange => "harus antara {min} dan {max}", "must be between {min} and {max}";
    ErrTooSmall => "minimal {min}", "must be at least {min}";
    ErrTooLarge => "maksimal {max}", "must be at most {max}";
    ErrNotANumber => "harus berupa angka", "must be a number";
    ErrNotADate => "bukan tanggal yang valid", "is not a valid date";
    ErrTooRecent => "inovasi harus sudah berjalan minimal {days} hari pada batas pengajuan", "the innovation must have been running for at least {days} days by the deadline";
    ErrFileTooLarge => "terlalu besar (maksimal {max} MB)", "is too large (at most {max} MB)";
    ErrOwnAgency => "bekerja di instansi pengusul proposal ini", "works for the agency that proposed this";
    ErrConflictDeclared => "telah menyatakan konflik kepentingan dengan proposal ini", "declared a conflict of interest with this proposal";
    ErrNotInPool => "belum masuk daftar juri tahun ini", "is not in this year's judge pool";
    ErrEndsBeforeStart => "berakhir sebelum dimulai", "ends before it starts";
    ErrOverlapsPrevious => "dimulai sebelum tahap sebelumnya berakhir", "starts before the previous phase ends";
    ErrInThePast => "sudah lewat", "is in the past";
    ErrWeightsTotal => "berjumlah {total}, harus tepat 100", "add up to {total}; they must total exactly 100";
    ErrCriteriaInUse => "Kriteria tidak dapat diubah karena juri sudah mulai menilai dengannya.", "The criteria cannot change: judges have already scored against them.";
    ErrCategoryInUse => "Kategori tidak dapat dihapus karena sudah dipakai proposal.", "The category cannot be removed: proposals use it.";
    ErrPhaseMove => "Tahap tidak dapat dipindah ke sana dari tahap sekarang.", "The year cannot move to that phase from the current one.";
    ErrUnscreened => "Masih ada {n} proposal terkirim yang belum diseleksi.", "{n} submitted proposals have not been screened yet.";
    ErrJudgesMissing => "{n} proposal lolos seleksi belum mendapat cukup juri.", "{n} screened proposals do not have enough judges yet.";
    ErrNothingToJudge => "Belum ada proposal yang lolos seleksi untuk dinilai.", "No proposal has passed screening, so there is nothing to judge.";
    ErrSettingsLocked => "Penilaian buta dan jumlah juri per proposal tidak dapat diubah setelah penilaian dimulai.", "Blind judging and judges per proposal cannot change once judging has begun.";
    ErrFileType => "bukan PDF, JPG, PNG, DOCX, atau XLSX (dinilai dari isinya, bukan namanya)", "is not a PDF, JPG, PNG, DOCX or XLSX file (judged by its content, not its name)";
    ErrTooMany => "terlalu banyak (maksimal {max})", "has too many entries (at most {max})";
    ErrUnauthenticated => "Silakan masuk terlebih dahulu.", "Please sign in first.";
    ErrForbidden => "Anda tidak berhak melakukan ini.", "You are not allowed to do this.";
    ErrNotFound => "Data tidak ditemukan.", "Not found.";
    ErrBadCredentials => "Email atau kata sandi salah.", "Wrong email or password.";
    ErrThrottled => "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.", "Too many failed sign-in attempts. Try again in {minutes} minutes.";
    ErrWrongPhase => "Tindakan ini tidak tersedia pada tahap kompetisi saat ini.", "This is not available in the competition's current phase.";
    ErrReadOnly => "Proposal ini sudah diajukan atau menunggu persetujuan kepala instansi, sehingga tidak dapat diubah.", "This proposal has been handed in or awaits the agency head's approval, so it cannot be changed.";
    ErrConflictOfInterest => "Anda telah menyatakan konflik kepentingan dengan proposal ini, sehingga tidak dapat menilainya.", "You declared a conflict of interest with this proposal, so you cannot score it.";
    ErrDeadlinePassed => "Batas pengajuan sudah lewat. Perubahan Anda tetap tersimpan di perangkat ini; hubungi panitia bila perlu perpanjangan.", "The submission deadline has passed. Your changes stay saved on this device; contact the organisers if you need an extension.";
    ErrIncomplete => "Proposal belum lengkap: {n} isian belum memenuhi syarat. Lihat langkah Ringkasan.", "The proposal is not complete: {n} items do not meet the requirements yet. See the Summary step.";
    ErrCrossSite => "Permintaan dari situs lain ditolak.", "A request from another site was refused.";
    ErrConflict => "Data telah diubah oleh orang lain. Muat ulang lalu coba lagi.", "Someone else changed this meanwhile. Reload and try again.";
    ErrBadRequest => "Permintaan tidak dapat dibaca. Muat ulang halaman lalu coba lagi.", "The request could not be read. Reload the page and try again.";
    ErrUnreachable => "Tidak tersambung ke server. Perubahan tetap tersimpan di perangkat ini.", "Cannot reach the server. Your changes stay saved on this device.";
    ErrInternal => "Terjadi kesalahan di server (kode {reference}). Data Anda yang sudah tersimpan aman.", "Something went wrong on the server (code {reference}). What you already saved is safe.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages() {
        for key in Key::ALL {
            for lang in Lang::ALL {
                assert!(
                    !key.text(lang).trim().is_empty(),
                    "{key:?} is empty in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        fn holes(s: &str) -> Vec<&str> {
            let mut out: Vec<&str> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(name, _)| name))
                .collect();
            out.sort_unstable();
            out
        }
        for key in Key::ALL {
            assert_eq!(
                holes(key.text(Lang::Id)),
                holes(key.text(Lang::En)),
                "{key:?}"
            );
        }
    }
}
