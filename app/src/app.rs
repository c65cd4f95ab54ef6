//! The HTML shell, the root component and the route table.

use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::api::fetch_current_user;
use crate::components::{AdminSubNav, Header, PageTitle, UserContext};
use crate::i18n::{initial_lang, provide_i18n, t, PageKey};
use crate::pages::{
    AccountSetupPage, AdminHome, AgenciesPage, AgencyEditPage, AgencyHome, AssignmentsPage,
    AuditTrailPage, BroadcastPage, BroadcastsPage, CompendiumPage, CompendiumSettingsPage,
    CompliancePage, CriteriaPage, FeedbackPage, FormBuilderPage, FormPreviewPage, GalleryItemPage,
    GalleryListPage, IdentityPage, JudgeHome, JudgeRoomPage, JudgingAdminPage, LoginPage,
    NominationPage, NotFound, NoticeTemplatesPage, NotificationsPage, OutboxPage, ProposalPage,
    ProposalViewPage, PublicHome, ResultDetailPage, ResultsPage, RoomBoardPage, RoundsPage,
    RulesPage, SchedulePage, ScoringPage, ScreeningCheckPage, ScreeningPage, UsersPage, VerifyPage,
    YearPage,
};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = initial_lang();
    // The inline scripts below carry this render's nonce; the policy allows only them.
    let nonce = use_nonce();
    #[cfg(feature = "ssr")]
    crate::server::http::security_headers::set_page_policy(nonce.as_deref());
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b5d4b" />
                <link rel="stylesheet" href="/pkg/inovasi.css" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options islands=true />
                // The service worker keeps visited pages for opening offline (public/sw.js).
                <script nonce=nonce>
                    "if ('serviceWorker' in navigator) { navigator.serviceWorker.register('/sw.js'); }"
                </script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: header, and one page per route.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_i18n();
    provide_context(UserContext(Resource::new(|| (), |_| fetch_current_user())));

    view! {
        // The app's name until a page names itself (components::PageTitle).
        <PageTitle />
        <Router>
            <a class="skip-link" href="#main">
                {t(PageKey::SkipToContent)}
            </a>
            <Header />
            <AdminSubNav />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    // Every page renders in full before the response starts: a refusal reaches
                    // the browser as a real 401/403 status, and the page needs no script to show
                    // its content (only islands hydrate).
                    <Route path=path!("/") view=PublicHome ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/account/setup")
                        view=AccountSetupPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin") view=AdminHome ssr=SsrMode::Async />
                    <Route path=path!("/admin/agencies") view=AgenciesPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/agencies/:id")
                        view=AgencyEditPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/form") view=FormBuilderPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/form/preview")
                        view=FormPreviewPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=AuditTrailPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/compliance")
                        view=CompliancePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/year") view=YearPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/criteria") view=CriteriaPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/rounds") view=RoundsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/schedule") view=SchedulePage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/schedule/rooms/:id")
                        view=RoomBoardPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/screening")
                        view=ScreeningPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/screening/:id")
                        view=ScreeningCheckPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/assignments")
                        view=AssignmentsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/judging")
                        view=JudgingAdminPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/results") view=ResultsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/nominasi") view=NominationPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/kompendium")
                        view=CompendiumSettingsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/kompendium") view=CompendiumPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/results/:id")
                        view=ResultDetailPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/aturan-penilaian") view=RulesPage ssr=SsrMode::Async />
                    <Route path=path!("/galeri") view=GalleryListPage ssr=SsrMode::Async />
                    <Route path=path!("/galeri/:id") view=GalleryItemPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/agency/feedback/:id")
                        view=FeedbackPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/judge") view=JudgeHome ssr=SsrMode::Async />
                    <Route path=path!("/judge/room") view=JudgeRoomPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/judge/proposals/:id")
                        view=ScoringPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/agency") view=AgencyHome ssr=SsrMode::Async />
                    <Route
                        path=path!("/agency/proposals/:id")
                        view=ProposalPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/proposals/:id") view=ProposalViewPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/notifications")
                        view=NotificationsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/outbox") view=OutboxPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/broadcasts")
                        view=BroadcastsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/templates")
                        view=NoticeTemplatesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/broadcasts/:id")
                        view=BroadcastPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/identity") view=IdentityPage ssr=SsrMode::Async />
                    <Route path=path!("/verifikasi") view=VerifyPage ssr=SsrMode::Async />
                    <Route path=path!("/verifikasi/:code") view=VerifyPage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}
