//! Importing a Pol.is conversation into a process (`/processes/{slug}/conversations/import`):
//! its open-data export (`comments.csv` and `votes.csv`) becomes a conversation stored whole,
//! closed to new votes until the secretariat reopens it, whose map the background computes.

use agora_core::auth::Action;
use agora_core::conversation::ConversationDraft;
use agora_core::process::Process;
use axum::Router;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;

use super::imports::mebibytes;
use super::{CsrfMultipart, FormPage, page, page_with_status, require};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{Field, FieldKind, FormView};
use crate::upload::upload_route;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/processes/{slug}/conversations/import",
        upload_route(get(form).post(import)),
    )
}

fn import_form(ctx: &Ctx, process: &Process, limit: usize) -> FormView {
    let mut form = FormView::new(
        ctx,
        "conversation-import-title",
        format!("/processes/{}/conversations/import", process.slug),
        "conversation-import",
    )
    .field(ctx, "topic", FieldKind::Text, true);
    let size = mebibytes(limit);
    for (name, label) in [
        ("comments", "conversation-import-comments"),
        ("votes", "conversation-import-votes"),
    ] {
        form.fields.push(Field {
            required: true,
            hint: Some(
                ctx.lang
                    .t_args("transcript-hint-file", &[("size", size.clone())]),
            ),
            ..Field::new(name, ctx.t(label), FieldKind::File)
        });
    }
    form.intro = Some(ctx.t("conversation-import-intro"));
    form
}

async fn managed(state: &AppState, ctx: &Ctx, slug: &str) -> Result<Process, AppError> {
    let process = super::process_by_slug(state, slug).await?;
    require(ctx, Action::ManageProcess(process.id))?;
    Ok(process)
}

async fn form(State(state): State<AppState>, ctx: CtxExt, Path(slug): Path<String>) -> AppResult {
    let process = managed(&state, &ctx, &slug).await?;
    let form = import_form(&ctx, &process, state.config.upload_limit);
    page(FormPage { ctx: ctx.0, form })
}

/// Reads both files after the authorization check, and stores the conversation whole or
/// nothing, naming the file, line and column of what could not be read.
async fn import(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
    request: Request,
) -> AppResult {
    let process = managed(&state, &ctx, &slug).await?;
    let view = import_form(&ctx, &process, state.config.upload_limit);
    let refuse = |status, form: FormView| {
        page_with_status(
            status,
            FormPage {
                ctx: ctx.0.clone(),
                form,
            },
        )
    };
    let CsrfMultipart(mut body) = CsrfMultipart::from_request(request, &state).await?;
    let draft = ConversationDraft {
        topic: body.text("topic").to_owned(),
        ..Default::default()
    };
    let values = [("topic".to_owned(), draft.topic.clone())];
    let (mut conversation, _) = match draft.validate(&process, (state.clock)()) {
        Ok(valid) => valid,
        Err(errors) => {
            let form = view.with_values(&values).with_errors(&ctx, &errors);
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, form);
        }
    };
    let (Some(comments), Some(votes)) = (body.take_file("comments"), body.take_file("votes"))
    else {
        let mut errors = agora_core::ValidationErrors::new();
        for name in ["comments", "votes"] {
            errors.push(name, agora_core::ErrorCode::Required);
        }
        let form = view.with_values(&values).with_errors(&ctx, &errors);
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, form);
    };
    let imported = match crate::opinion::from_polis(&comments.bytes, &votes.bytes) {
        Ok(imported) => imported,
        Err(error) => {
            let field = match &error {
                crate::opinion::PolisError::Unreadable { file, .. } if *file == "comments.csv" => {
                    "comments"
                }
                _ => "votes",
            };
            let message = ctx.lang.t_args(
                "conversation-import-unreadable",
                &[("detail", error.to_string().into())],
            );
            let form = view.with_values(&values).with_message(field, message);
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, form);
        }
    };
    conversation.open = false;
    state
        .store
        .import_conversation(ctx.actor(), &conversation, &imported)
        .await?;
    Ok(Redirect::to(&format!("/conversations/{}/map", conversation.id)).into_response())
}
