//! The dictionary: one line per text, Bahasa Indonesia first, then English. A text missing in
//! one language does not compile. `{name}` marks a value filled in by the caller.

/// Builds a dictionary enum: `name => "Indonesian", "English";` per text.
macro_rules! dictionary {
    ($(#[$doc:meta])* $enum:ident { $($key:ident => $id:literal, $en:literal;)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $enum { $($key),* }

        impl $enum {
            /// Every key, for the completeness tests.
            #[allow(dead_code)]
            pub const ALL: &'static [$enum] = &[$($enum::$key),*];

            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                let [id, en] = match self { $($enum::$key => [$id, $en]),* };
                match lang {
                    $crate::i18n::Lang::Id => id,
                    $crate::i18n::Lang::En => en,
                }
            }
        }

        impl $crate::i18n::Text for $enum {
            fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                $enum::text(self, lang)
            }
        }

        #[cfg(test)]
        mod dictionary_tests {
            use super::*;
            use $crate::i18n::Lang;

            #[test]
            fn every_text_exists_in_both_languages() {
                for key in $enum::ALL {
                    for lang in Lang::ALL {
                        assert!(!key.text(lang).trim().is_empty(), "{key:?} is empty in {lang:?}");
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
                for key in $enum::ALL {
                    assert_eq!(holes(key.text(Lang::Id)), holes(key.text(Lang::En)), "{key:?}");
                }
            }
        }
    };
}

pub(crate) use dictionary;

dictionary! {
    /// A text of the UI that islands may show (it reaches the wasm). Use `Key::X.text(lang)` or
    /// `t(Key::X)` in views.
    Key {
    SignIn => "Masuk", "Sign in";
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
    BackHome => "Kembali ke beranda", "Back to home";



    LevelNone => "Belum memulai", "Not started";
    ColAgency => "Instansi", "Agency";
    ColCategory => "Kategori", "Category";
    CannotDeactivateSelf => "Anda tidak dapat menonaktifkan akun sendiri.", "You cannot deactivate your own account.";

    SheetNotStarted => "Belum dinilai", "Not started";
    SheetDraft => "Draf penilaian", "Draft";
    SheetSubmitted => "Penilaian terkirim", "Submitted";
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
    VisitTitle => "Verifikasi lapangan", "Field verification";
    VisitHint => "Isian dan foto tersimpan di perangkat ini dan terkirim sendiri begitu ada jaringan; kunjungan dapat dilakukan seluruhnya tanpa sinyal.", "What you enter and every photo are kept on this device and sent by themselves once there is a network; the whole visit can be done without a signal.";
    VisitedOn => "Tanggal kunjungan", "Date of the visit";
    Visitors => "Tim yang berkunjung", "Who visited";
    VisitClaimsTitle => "Klaim yang diverifikasi", "Claims to verify";
    FindingConfirmed => "Terbukti", "Confirmed";
    FindingPartly => "Sebagian", "In part";
    FindingNotSeen => "Tidak terlihat", "Not seen";
    WhatWasSeen => "Yang dilihat", "What was seen";
    VisitNotes => "Catatan kunjungan", "Notes on the visit";
    NoClaims => "Panitia belum menulis klaim untuk diverifikasi; tuliskan temuan Anda di catatan kunjungan.", "The organisers have written no claims to verify; write your findings in the notes on the visit.";
    TakePhoto => "Ambil foto", "Take a photo";
    OtherPhotos => "Foto lain", "Other photos";
    PhotoOnDevice => "Tersimpan di perangkat, menunggu jaringan", "Kept on this device, waiting for the network";
    PhotoUploading => "Mengunggah {n} %", "Uploading {n} %";
    PhotoUploaded => "Terkirim", "Sent";
    PhotoRefused => "Ditolak", "Refused";
    PhotoStopped => "Tidak dapat dikirim", "Cannot be sent";
    PhotoRemove => "Hapus dari perangkat", "Remove from this device";
    PhotoNotKept => "Foto tidak dapat disimpan di perangkat ini (penyimpanan penuh atau ditolak). Foto ini aman hanya setelah terkirim; jangan tutup halaman ini selagi luring.", "The photo could not be kept on this device (storage full or refused). It is safe only once sent; do not close this page while offline.";
    PhotosWaiting => "{n} foto menunggu jaringan", "{n} photo(s) waiting for the network";
    PhotoAlt => "Foto kunjungan, {time}", "Photo of the visit, {time}";
    SubmitVisit => "Serahkan laporan kunjungan", "Hand in the visit report";
    VisitMissing => "Belum lengkap: tanggal kunjungan dan temuan untuk setiap klaim ({n} lagi).", "Not complete yet: the date of the visit and a finding for every claim ({n} to go).";
    VisitSubmittedNotice => "Laporan kunjungan terkirim dan terkunci.", "The visit report is handed in and locked.";
    VisitReopenedNotice => "Panitia membuka kembali laporan ini: perbaiki lalu serahkan lagi.", "The organisers reopened this report: correct it and hand it in again.";
    VisitSubmittedPending => "Laporan kunjungan akan terkirim begitu perangkat tersambung.", "The visit report will be handed in as soon as this device is online.";
    Reason => "Alasan", "Reason";
    AddCriterion => "Tambah baris kriteria", "Add a criterion row";
    Description => "Keterangan", "Description";
    RoomWaiting => "Menunggu penyaji berikutnya", "Waiting for the next presenter";
    RoomPresenting => "Presentasi", "Presenting";
    RoomQuestions => "Tanya jawab", "Questions";
    RoomPaused => "Dijeda", "Paused";
    RoomNext => "Berikutnya", "Next";
    RoomNobodyNext => "Tidak ada lagi yang menunggu.", "Nobody else is waiting.";
    RoomSheetsIn => "Lembar nilai masuk: {n} dari {m}", "Score sheets in: {n} of {m}";
    RoomSheetIn => "sudah masuk", "in";
    RoomSheetOpen => "belum", "not yet";
    RoomProgress => "{done} dari {n} finalis sudah presentasi.", "{done} of {n} finalists have presented.";
    RoomOpenSlides => "Buka bahan presentasi", "Open the slides";
    RoomOpenSheet => "Buka lembar nilai", "Open the score sheet";
    RoomLiveLost => "Sambungan langsung terputus; mencoba lagi. Yang tampil mungkin belum terbaru.", "The live connection dropped; trying again. What is shown may be out of date.";
    RoomPresses => "Kendali moderator", "Moderator controls";
    RoomStartNext => "Mulai penyaji berikutnya", "Start the next presenter";
    RoomResume => "Lanjutkan", "Resume";
    RoomPause => "Jeda", "Pause";
    RoomToQuestions => "Lewati ke tanya jawab", "Skip to the questions";
    RoomEndTurn => "Selesaikan giliran", "End the turn";
    UnsyncedSheets => "{n} lembar penilaian di perangkat ini belum tersinkron.", "{n} score sheets on this device are not synced yet.";
    UnsyncedVisits => "{n} laporan kunjungan lapangan di perangkat ini belum tersinkron.", "{n} field visit reports on this device are not synced yet.";


    StepIdentity => "Identitas", "Identity";
    StepIdentityIntro => "Judul dan kategori inovasi Anda.", "Your innovation's title and category.";
    StepSummary => "Ringkasan", "Summary";
    StepsLabel => "Langkah pengisian", "Steps";
    StepOf => "Langkah {n} dari {total}", "Step {n} of {total}";
    StepHasProblems => "perlu dilengkapi", "needs attention";
    Previous => "Sebelumnya", "Previous";
    Next => "Berikutnya", "Next";
    Completion => "{n}% lengkap", "{n}% complete";
    CompletionLabel => "Kelengkapan proposal", "How complete the proposal is";
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
    NoteLabel => "Catatan untuk tim (apa yang perlu diperbaiki)", "Note for the team (what to change)";
    View => "Lihat", "View";
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
    ErrFormInUse => "Formulir tidak dapat diubah: sudah ada {n} proposal yang ditulis dengan formulir ini.", "The form cannot change: {n} proposals have been written with it.";
    ErrYearRunning => "Tahun baru baru dapat dibuat setelah hasil tahun berjalan diumumkan.", "A new year can start only once the current year has published its results.";
    ErrNotUtf8 => "Berkas tidak terbaca sebagai teks UTF-8. Di Excel pilih Simpan Sebagai › \"CSV UTF-8\".", "The file cannot be read as UTF-8 text. In Excel choose Save As › \"CSV UTF-8\".";
    ErrAlreadyExists => "sudah ada.", "already exists.";
    ErrMismatch => "kedua isian tidak sama.", "the two entries differ.";
    FieldPasswordAgain => "Ulangi kata sandi", "Password again";
    PreviewNotice => "Pratinjau formulir: tampil persis seperti yang dilihat instansi, tetapi isian tidak disimpan dan tidak dikirim.", "Form preview: exactly as agencies see it, but nothing you type is kept or sent.";
    ErrCategoryInUse => "Kategori tidak dapat dihapus karena sudah dipakai proposal.", "The category cannot be removed: proposals use it.";
    ErrPhaseMove => "Tahap tidak dapat dipindah ke sana dari tahap sekarang.", "The year cannot move to that phase from the current one.";
    ErrUnscreened => "Masih ada {n} proposal terkirim yang belum diseleksi.", "{n} submitted proposals have not been screened yet.";
    ErrJudgesMissing => "{n} proposal lolos seleksi belum mendapat cukup juri.", "{n} screened proposals do not have enough judges yet.";
    ErrNothingToJudge => "Belum ada proposal yang lolos seleksi untuk dinilai.", "No proposal has passed screening, so there is nothing to judge.";
    ErrSettingsLocked => "Penilaian buta dan jumlah juri per proposal tidak dapat diubah setelah penilaian dimulai.", "Blind judging and judges per proposal cannot change once judging has begun.";
    ErrFileType => "bukan PDF, JPG, PNG, DOCX, atau XLSX (dinilai dari isinya, bukan namanya)", "is not a PDF, JPG, PNG, DOCX or XLSX file (judged by its content, not its name)";
    ErrNotAPhoto => "bukan foto JPEG, PNG atau WebP (dinilai dari isinya, bukan namanya)", "is not a JPEG, PNG or WebP photo (judged by its content, not its name)";
    ErrFileUnreadable => "rusak atau tidak dapat dibaca; simpan ulang berkasnya lalu unggah lagi", "is damaged or cannot be read; save the file again and upload it once more";
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
}
