use leptos::prelude::*;

use crate::components::PageTitle;
use crate::i18n::{t, PageKey};

/// `/aturan-penilaian`: how proposals are ranked, in words the organisers (and the agencies) can
/// check; the same rules as docs/ranking.md and `crate::ranking`.
#[component]
pub fn RulesPage() -> impl IntoView {
    let rules = [
        (PageKey::RulesCountTitle, PageKey::RulesCount),
        (PageKey::RulesScoreTitle, PageKey::RulesScore),
        (PageKey::RulesNormaliseTitle, PageKey::RulesNormalise),
        (PageKey::RulesTiesTitle, PageKey::RulesTies),
        (PageKey::PassMark, PageKey::RulesPassMark),
        (PageKey::RulesRanksTitle, PageKey::RulesRanks),
        (PageKey::RulesAgreementTitle, PageKey::RulesAgreement),
        (PageKey::RulesLockTitle, PageKey::RulesLock),
    ];
    view! {
        <PageTitle page=PageKey::RulesTitle />
        <h1>{t(PageKey::RulesTitle)}</h1>
        <section class="card prose">
            <dl class="rules">
                {rules.into_iter().map(|(title, text)| view! {
                    <dt>{t(title)}</dt>
                    <dd>{t(text)}</dd>
                }).collect_view()}
            </dl>
        </section>
    }
}
