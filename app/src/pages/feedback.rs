use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::fetch_feedback;
use crate::components::loaded;
use crate::components::PageTitle;
use crate::i18n::{format_date, labels, t, two_decimals, use_i18n, Key, PageKey};
use crate::models::Feedback;
use crate::routes;

/// `/agency/feedback/:id`: once results are published, the agency's score per criterion and the
/// judges' comments, with no judge named; and who asked to replicate the innovation.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        fetch_feedback,
    );
    view! {
        <p><a href=routes::AGENCY>{t(PageKey::BackToAgency)}</a></p>
        {loaded(data, |feedback| view! { <FeedbackView feedback /> })}
    }
}

#[component]
fn FeedbackView(feedback: Feedback) -> impl IntoView {
    let i18n = use_i18n();
    let num = move |v: Option<f64>| {
        move || v.map_or_else(|| "–".to_string(), |v| two_decimals(v, i18n.lang.get()))
    };
    let award = feedback.award.map(labels::award);
    let pass_mark = feedback.pass_mark;
    let comments = feedback.overall_comments;
    let interests = feedback.interests;
    view! {
        <PageTitle page=PageKey::YourResult text=feedback.title.clone() />
        <h1>{feedback.title}</h1>
        <p class="muted">{crate::models::name_with_year(&feedback.competition_name, feedback.year)} {feedback.category_name.map(|c| format!(" · {c}"))}</p>
        <section class="card" aria-labelledby="score-title">
            <h2 id="score-title">{t(PageKey::YourResult)}</h2>
            <dl class="facts">
                <div><dt>{t(PageKey::ColScore)}</dt><dd class="big-number">{num(feedback.score)}</dd></div>
                <div><dt>{t(PageKey::ColRankInCategory)}</dt><dd>{feedback.rank_in_category.map_or_else(|| "–".to_string(), |r| r.to_string())}</dd></div>
                <div>
                    <dt>{t(PageKey::PassMark)}</dt>
                    <dd>
                        {num(Some(pass_mark))} " — "
                        {if feedback.passes { t(PageKey::Passes) } else { t(PageKey::BelowPassMark) }}
                    </dd>
                </div>
            </dl>
            {award.map(|k| view! { <p><span class="badge pass">{t(k)}</span></p> })}
        </section>
        <section class="card" aria-labelledby="criteria-feedback-title">
            <h2 id="criteria-feedback-title">{t(PageKey::PerCriterion)}</h2>
            <p class="muted">{t(PageKey::FeedbackAnonymous)}</p>
            {feedback.criteria.into_iter().map(|c| {
                let scale = format!("{}–{}", c.scale_min, c.scale_max);
                view! {
                    <article class="feedback-criterion">
                        <h3>{c.name} <span class="muted">" (" {c.weight} "%)"</span></h3>
                        <p>
                            {t(PageKey::Mean)} ": " <strong>{num(c.mean)}</strong>
                            " " <span class="muted">{t(PageKey::OnScale)} " " {scale}</span>
                        </p>
                        {if c.comments.is_empty() {
                            Either::Left(view! { <p class="muted">{t(PageKey::NoComments)}</p> })
                        } else {
                            Either::Right(view! {
                                <ul class="comments">
                                    {c.comments.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                                </ul>
                            })
                        }}
                    </article>
                }
            }).collect_view()}
        </section>
        <section class="card" aria-labelledby="overall-title">
            <h2 id="overall-title">{t(PageKey::OverallComments)}</h2>
            {if comments.is_empty() {
                Either::Left(view! { <p class="muted">{t(PageKey::NoComments)}</p> })
            } else {
                Either::Right(view! {
                    <ul class="comments">
                        {comments.into_iter().enumerate().map(|(i, m)| view! {
                            <li><strong>{t(Key::RoleJudge)} " " {i + 1} ": "</strong> {m}</li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
        <section class="card" aria-labelledby="interests-title">
            <h2 id="interests-title">{t(PageKey::InterestsTitle)}</h2>
            {if interests.is_empty() {
                Either::Left(view! { <p class="muted">{t(PageKey::NoInterests)}</p> })
            } else {
                Either::Right(view! {
                    <ul class="list">
                        {interests.into_iter().map(|i| {
                            let at = i.created_at;
                            view! {
                                <li class="list-item">
                                    <strong>{i.name}</strong> " — " {i.organisation}
                                    <br />
                                    <span>{i.contact}</span>
                                    " · "
                                    <span class="muted">{move || format_date(at, i18n.lang.get())}</span>
                                    {(!i.message.is_empty()).then(|| view! { <p>{i.message}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}
