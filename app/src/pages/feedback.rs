use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::fetch_feedback;
use crate::components::loaded;
use crate::components::PageTitle;
use crate::i18n::{format_date, labels, t, two_decimals, use_i18n, Key, PageKey};
use crate::models::{Feedback, FeedbackRound};
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
    let of = feedback.of;
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
        {feedback.rounds.into_iter().map(|round| view! { <RoundFeedbackView round of /> }).collect_view()}
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

/// One round's feedback: a heading naming the round in a year of several (its own score and
/// whether the proposal went on), the mean and comments per criterion, the overall comments.
#[component]
fn RoundFeedbackView(round: FeedbackRound, of: usize) -> impl IntoView {
    let i18n = use_i18n();
    let num = move |v: Option<f64>| {
        move || v.map_or_else(|| "–".to_string(), |v| two_decimals(v, i18n.lang.get()))
    };
    let n = round.position;
    let kind = round.kind;
    let (criteria_id, criteria_label) = (
        format!("criteria-feedback-title-{n}"),
        format!("criteria-feedback-title-{n}"),
    );
    let (overall_id, overall_label) = (format!("overall-title-{n}"), format!("overall-title-{n}"));
    let comments = round.overall_comments;
    view! {
        {(of > 1).then(|| view! {
            <section class="card" aria-labelledby=format!("round-feedback-{n}")>
                <h2 id=format!("round-feedback-{n}")>{move || PageKey::RoundOf.text(i18n.lang.get())
                    .replace("{n}", &n.to_string())
                    .replace("{total}", &of.to_string())
                    .replace("{kind}", labels::round_kind(kind).text(i18n.lang.get()))}</h2>
                <dl class="facts">
                    {round.score.map(|s| view! {
                        <div><dt>{t(PageKey::ColScore)}</dt><dd>{num(Some(s))}</dd></div>
                    })}
                    {round.went_on.map(|went| view! {
                        <div><dt>{t(PageKey::ColAdvance)}</dt><dd>{if went { t(PageKey::Yes) } else { t(PageKey::FeedbackStoppedHere) }}</dd></div>
                    })}
                </dl>
            </section>
        })}
        <section class="card" aria-labelledby=criteria_label>
            <h2 id=criteria_id>{t(PageKey::PerCriterion)}</h2>
            <p class="muted">{t(PageKey::FeedbackAnonymous)}</p>
            {round.criteria.into_iter().map(|c| {
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
        <section class="card" aria-labelledby=overall_label>
            <h2 id=overall_id>{t(PageKey::OverallComments)}</h2>
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
    }
}
